package io.restaurantapi.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetSourceTest {

    private static final byte[] DATASET =
            "{\"_id\":{\"$oid\":\"000000000000000000000001\"}}\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path directory;

    private HttpServer server;
    private Path target;

    @BeforeEach
    void serveTheDataset() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/restaurant.json", exchange -> {
            exchange.sendResponseHeaders(200, DATASET.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(DATASET);
            }
        });
        server.start();
        target = directory.resolve("data/restaurant.json");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private DatasetSource source(String path, String sha256) {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        return new DatasetSource(url, sha256, target);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void usesAnExplicitPathAsItIs() throws Exception {
        Path file = Files.writeString(directory.resolve("mine.json"), "{}");

        assertThat(source("/restaurant.json", sha256(DATASET)).resolve(file.toString()))
                .isEqualTo(file);
    }

    @Test
    void refusesAnExplicitPathThatDoesNotExist() {
        assertThatThrownBy(() -> source("/restaurant.json", "x")
                        .resolve(directory.resolve("nope.json").toString()))
                .isInstanceOf(DatasetUnavailableException.class)
                .hasMessageContaining("nope.json does not exist or cannot be read");
    }

    @Test
    void downloadsTheDefaultFileWhenAbsentAndChecksumMatches() throws Exception {
        Path resolved = source("/restaurant.json", sha256(DATASET)).resolve(null);

        assertThat(resolved).isEqualTo(target);
        assertThat(Files.readAllBytes(target)).isEqualTo(DATASET);
    }

    @Test
    void keepsAnExistingDefaultFileWithoutDownloading() throws Exception {
        Files.createDirectories(target.getParent());
        Files.writeString(target, "already here");

        source("/missing", sha256(DATASET)).resolve("");

        assertThat(Files.readString(target)).isEqualTo("already here");
    }

    @Test
    void savesNothingWhenTheChecksumDiffers() {
        assertThatThrownBy(() -> source("/restaurant.json", "0".repeat(64)).resolve(null))
                .isInstanceOf(DatasetUnavailableException.class)
                .hasMessageContaining("expected " + "0".repeat(64) + "; nothing was saved");
        assertThat(target).doesNotExist();
        assertThat(target.getParent()).isEmptyDirectory();
    }

    @Test
    void explainsAFailedDownload() {
        assertThatThrownBy(() -> source("/missing", "x").resolve(null))
                .isInstanceOf(DatasetUnavailableException.class)
                .hasMessageContaining("cannot download the dataset")
                .hasMessageContaining("HTTP status 404");
        assertThat(target).doesNotExist();
    }

    @Test
    void pinsThePublicDatasetByCommitAndChecksum() {
        assertThat(DatasetSource.PINNED.url().toString()).contains("/abc392063b5c602e60a12ec2314b17ec49000e99/");
        assertThat(DatasetSource.PINNED.sha256())
                .isEqualTo("e0e7c78f8dee0f40fe45d5215b6b0f5e161a19def53be3a25848f5c5a40db091");
        assertThat(DatasetSource.PINNED.defaultPath()).isEqualTo(Path.of("data", "restaurant.json"));
    }
}
