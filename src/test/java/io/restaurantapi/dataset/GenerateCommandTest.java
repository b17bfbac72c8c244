package io.restaurantapi.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.restaurantapi.support.CapturedConsole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {

    @TempDir
    Path directory;

    private final CapturedConsole console = new CapturedConsole();

    private int generate(String... args) {
        return new GenerateCommand(console.stdout(), console.stderr()).run(args);
    }

    private String output() {
        return console.output();
    }

    private String errors() {
        return console.errors();
    }

    @Test
    void writesTheRestaurantsToStandardOutputWhenNoFileIsGiven() throws IOException {
        int status = generate("--count", "25", "--seed", "8");

        assertThat(status).isEqualTo(GenerateCommand.OK);
        StringBuilder expected = new StringBuilder();
        new RestaurantGenerator(8).write(25, expected);
        assertThat(output()).isEqualTo(expected.toString());
        assertThat(errors()).isEmpty();
    }

    @Test
    void theSeedDefaultsToOne() {
        generate("--count", "10");
        String withoutSeed = output();
        console.clear();
        generate("--count", "10", "--seed", "1");

        assertThat(output()).isEqualTo(withoutSeed);
    }

    @Test
    void acceptsANegativeSeed() {
        assertThat(generate("--count", "3", "--seed", "-5")).isEqualTo(GenerateCommand.OK);
        assertThat(output().lines()).hasSize(3);
    }

    @Test
    void writesTheFileAndSaysWhatItWrote() throws IOException {
        Path file = directory.resolve("restaurants.jsonl");

        int status = generate("--count", "100", "--seed", "3", "--output", file.toString());

        assertThat(status).isEqualTo(GenerateCommand.OK);
        assertThat(Files.readAllLines(file)).hasSize(100).first().isEqualTo(new RestaurantGenerator(3).line(0));
        assertThat(output()).isEqualTo("generate: wrote 100 restaurants (seed 3) to " + file + "\n");
    }

    @Test
    void theFileIsTheSameBytesAsStandardOutput() throws IOException {
        Path file = directory.resolve("restaurants.jsonl");
        generate("--count", "500", "--seed", "4", "--output", file.toString());
        console.clear();
        generate("--count", "500", "--seed", "4");

        assertThat(Files.readAllBytes(file)).isEqualTo(console.outputBytes());
    }

    @Test
    void replacesAnExistingFileAndLeavesNoPartialFileBehind() throws IOException {
        Path file = Files.writeString(directory.resolve("restaurants.jsonl"), "old\n");

        assertThat(generate("--count", "2", "--output", file.toString())).isEqualTo(GenerateCommand.OK);
        assertThat(Files.readAllLines(file)).hasSize(2).doesNotContain("old");
        try (var files = Files.list(directory)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void exitsWithOneWhenTheDirectoryOfTheFileDoesNotExist() {
        Path file = directory.resolve("missing/restaurants.jsonl");

        assertThat(generate("--count", "2", "--output", file.toString())).isEqualTo(GenerateCommand.OUTPUT_FAILED);
        assertThat(errors()).isEqualTo("generate: cannot write " + file + ": its directory does not exist\n");
    }

    @Test
    void exitsWithOneWhenTheOutputIsADirectory() {
        assertThat(generate("--count", "2", "--output", directory.toString())).isEqualTo(GenerateCommand.OUTPUT_FAILED);
        assertThat(errors()).isEqualTo("generate: cannot write " + directory + ": it is a directory\n");
    }

    @Test
    void printsUsageForHelp() {
        assertThat(generate("--help")).isEqualTo(GenerateCommand.OK);
        assertThat(output()).startsWith("Usage: java -jar restaurant-api.jar generate --count N");
    }

    @Test
    void requiresACount() {
        assertThat(generate("--seed", "1")).isEqualTo(GenerateCommand.USAGE);
        assertThat(errors()).startsWith("generate: --count is required\nUsage:");
        assertThat(output()).isEmpty();
    }

    @Test
    void rejectsACountThatIsNotAWholeNumberInRange() {
        for (String count : new String[] {"-1", "ten", "1e6", "100000001"}) {
            console.clear();
            assertThat(generate("--count", count)).as(count).isEqualTo(GenerateCommand.USAGE);
            assertThat(errors())
                    .startsWith("generate: --count must be a whole number from 0 to 100000000, not '" + count + "'");
        }
    }

    @Test
    void rejectsASeedThatIsNotAWholeNumber() {
        assertThat(generate("--count", "1", "--seed", "0x10")).isEqualTo(GenerateCommand.USAGE);
        assertThat(errors()).startsWith("generate: --seed must be a whole number, not '0x10'");
    }

    @Test
    void rejectsAnOptionWithoutAValue() {
        assertThat(generate("--count", "1", "--output")).isEqualTo(GenerateCommand.USAGE);
        assertThat(errors()).startsWith("generate: --output needs a value");
    }

    @Test
    void rejectsAnUnknownArgument() {
        assertThat(generate("--count", "1", "--fast")).isEqualTo(GenerateCommand.USAGE);
        assertThat(errors()).startsWith("generate: unknown argument '--fast'");
        assertThat(output()).isEmpty();
    }
}
