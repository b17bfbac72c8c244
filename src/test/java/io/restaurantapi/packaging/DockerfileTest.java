package io.restaurantapi.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.restaurantapi.packaging.Dockerfile.Instruction;
import io.restaurantapi.packaging.Dockerfile.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;

/**
 * What the Dockerfile linters do not check: pinning, users, exec form, build context, and that the
 * images agree with the Maven build and the seeder's command line.
 */
class DockerfileTest {

    static final Path ROOT = Path.of("").toAbsolutePath();

    static final String DATASET_URL = "https://raw.githubusercontent.com/intelygenz/the-real-devops-challenge/"
            + "abc392063b5c602e60a12ec2314b17ec49000e99/data/restaurant.json";

    static final String DATASET_SHA256 = "e0e7c78f8dee0f40fe45d5215b6b0f5e161a19def53be3a25848f5c5a40db091";

    /** The extracted layout's jar: its manifest's class path names every library under lib/. */
    static final String APPLICATION_JAR = "restaurant-api.jar";

    static final String AOT_CACHE = "restaurant-api.aot";

    static final String TRAINING_SCRIPT = "src/main/docker/aot-training.sh";

    static Dockerfile parse(String file) {
        return Dockerfile.parse(ROOT.resolve(file));
    }

    static Stream<Dockerfile> all() {
        return Stream.of("Dockerfile", "Dockerfile.mongo", "Dockerfile.seed").map(DockerfileTest::parse);
    }

    static String resolveArgs(String text, Map<String, String> args) {
        Matcher m = Pattern.compile("\\$\\{(\\w+)}|\\$(\\w+)").matcher(text);
        StringBuilder resolved = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            m.appendReplacement(resolved, Matcher.quoteReplacement(args.getOrDefault(name, m.group())));
        }
        return m.appendTail(resolved).toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Dockerfile", "Dockerfile.mongo", "Dockerfile.seed"})
    void startsWithAPinnedFrontendThatKnowsCacheMountsAndChecksums(String file) throws Exception {
        String firstLine = Files.readAllLines(ROOT.resolve(file)).get(0);

        assertThat(firstLine).as(file).matches("# syntax=docker/dockerfile:1\\.([7-9]|[1-9][0-9])");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Dockerfile", "Dockerfile.mongo", "Dockerfile.seed"})
    void everyBaseImageIsAnEarlierStageOrPinnedToAPatchVersion(String file) {
        Dockerfile dockerfile = parse(file);
        Set<String> earlierStages = new HashSet<>();
        for (Stage stage : dockerfile.stages()) {
            String image = resolveArgs(stage.image(), dockerfile.globalArgs());
            if (!earlierStages.contains(image) && !image.equals("scratch")) {
                assertThat(image)
                        .as("%s %s", file, stage.from())
                        .doesNotContain("$")
                        .matches("[a-z0-9./_-]+:[0-9]+\\.[0-9]+\\.[0-9]+[A-Za-z0-9._-]*(@sha256:[0-9a-f]{64})?")
                        .doesNotEndWith(":latest");
            }
            if (stage.name() != null) {
                earlierStages.add(stage.name());
            }
        }
    }

    @Test
    void noBaseImageDigestIsWrittenInACommentWhereDependabotWouldLeaveItStale() {
        // Dependabot bumps the tag in FROM and would leave a digest noted beside it in a comment behind.
        all().forEach(d -> assertThat(d.comments())
                .as("%s comments", d.path().getFileName())
                .noneMatch(c -> c.matches(".*[a-z0-9./_-]+:[A-Za-z0-9._-]+\\s+sha256:[0-9a-f]{64}.*")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Dockerfile", "Dockerfile.mongo", "Dockerfile.seed"})
    void finalStageRunsAsANumericNonRootUser(String file) {
        Instruction user = parse(file)
                .finalStage()
                .last("USER")
                .orElseThrow(() -> new AssertionError(file + ": no USER in the final stage"));

        assertThat(user.arguments()).as("%s %s", file, user).matches("[0-9]+(:[0-9]+)?");
        assertThat(Integer.parseInt(user.arguments().split(":")[0]))
                .as("%s uid", file)
                .isPositive();
    }

    @Test
    void everyCmdAndEntrypointUsesExecForm() {
        all().forEach(d -> Stream.concat(d.all("CMD").stream(), d.all("ENTRYPOINT").stream())
                .forEach(i -> assertThat(i.isExecForm())
                        .as("%s %s", d.path().getFileName(), i)
                        .isTrue()));
    }

    @Test
    void addIsUsedOnlyForChecksummedHttpsDownloads() {
        all().forEach(d -> d.all("ADD").forEach(add -> {
            assertThat(add.flags())
                    .as("%s %s", d.path().getFileName(), add)
                    .hasEntrySatisfying("checksum", c -> assertThat(c).matches("sha256:[0-9a-f]{64}"));
            List<String> sources = add.operands().subList(0, add.operands().size() - 1);
            assertThat(sources).as("%s %s", d.path().getFileName(), add).allMatch(s -> s.startsWith("https://"));
        }));
    }

    @Test
    void packageInstallsKeepNoPackageCacheInTheLayer() {
        all().forEach(d -> d.all("RUN").forEach(run -> {
            String command = run.arguments();
            if (command.matches(".*\\bapt-get\\s+(-\\S+\\s+)*install\\b.*")) {
                assertThat(command)
                        .as("%s %s", d.path().getFileName(), run)
                        .contains("--no-install-recommends")
                        .contains("rm -rf /var/lib/apt/lists/*");
            }
            if (command.matches(".*\\bapk\\s+add\\b.*")) {
                assertThat(command).as("%s %s", d.path().getFileName(), run).contains("--no-cache");
            }
            assertThat(command)
                    .as("%s %s", d.path().getFileName(), run)
                    .doesNotContainPattern("\\bapt-get\\s+(-\\S+\\s+)*(dist-)?upgrade\\b")
                    .doesNotContainPattern("\\bsudo\\b");
        }));
    }

    @Test
    void apiImageChecksLivenessWithTheWgetItsAlpineBaseProvides() {
        Stage runtime = parse("Dockerfile").finalStage();
        Instruction healthcheck = runtime.last("HEALTHCHECK").orElseThrow();

        assertThat(runtime.image()).contains("-alpine");
        assertThat(healthcheck.arguments())
                .startsWith("CMD wget ")
                .contains("/actuator/health/liveness")
                .contains("${SERVER_PORT:-8080}");
        assertThat(healthcheck.flags()).containsKeys("interval", "timeout", "start-period", "retries");
    }

    @Test
    void mongoImagePingsWithMongoshOnceTheInitScriptsAreDone() {
        Instruction healthcheck =
                parse("Dockerfile.mongo").finalStage().last("HEALTHCHECK").orElseThrow();

        assertThat(healthcheck.arguments())
                .startsWith("CMD mongosh ")
                .contains("ping")
                // the entrypoint's temporary init server listens on 127.0.0.1 only
                .contains("--host \"${HOSTNAME")
                .doesNotContain("127.0.0.1");
        assertThat(healthcheck.flags()).containsKeys("interval", "timeout", "start-period", "retries");
    }

    @Test
    void seedImageDeclaresThatItHasNoHealthcheck() {
        Instruction healthcheck =
                parse("Dockerfile.seed").finalStage().last("HEALTHCHECK").orElseThrow();

        assertThat(healthcheck.arguments()).isEqualTo("NONE");
    }

    @Test
    void everyFileCopiedFromTheContextExistsAndIsNotDockerignored() {
        DockerIgnore ignore = DockerIgnore.read(ROOT.resolve(".dockerignore"));
        List<String> sources = new ArrayList<>();
        all().forEach(d -> d.all("COPY").stream()
                .filter(c -> !c.flags().containsKey("from"))
                .forEach(
                        c -> sources.addAll(c.operands().subList(0, c.operands().size() - 1))));

        assertThat(sources).contains("mvnw", "pom.xml", ".mvn/", "src/main/", "charts/mongo/files/create-users.js");
        for (String source : sources) {
            assertThat(ignore.excludes(source))
                    .as(".dockerignore excludes %s", source)
                    .isFalse();
            if (source.startsWith("data/")) {
                continue; // the optional dataset of DATASET_SOURCE=context: provided by whoever builds, never committed
            }
            Path path = ROOT.resolve(source);
            assertThat(path).as("COPY source").exists();
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.walk(path)) {
                    assertThat(files.filter(Files::isRegularFile)
                                    .map(f -> ROOT.relativize(f).toString()))
                            .as("files of %s left in the build context", source)
                            .anyMatch(f -> !ignore.excludes(f));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
    }

    @Test
    void jarNameInTheImagesIsTheFinalNameMavenBuilds() throws Exception {
        Element project = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(ROOT.resolve("pom.xml").toFile())
                .getDocumentElement();
        String artifactId = childText(project, "artifactId");
        String finalName = childText(
                        (Element) project.getElementsByTagName("build").item(0), "finalName")
                .replace("${project.artifactId}", artifactId)
                .replace("${project.version}", childText(project, "version"));
        assertThat(finalName).doesNotContain("${");

        Pattern jar = Pattern.compile("[A-Za-z0-9_./${}-]+\\.jar");
        for (String file : List.of("Dockerfile", "Dockerfile.seed")) {
            List<String> jars = parse(file).stages().stream()
                    .flatMap(s -> s.instructions().stream())
                    .flatMap(i -> jar.matcher(i.arguments()).results().map(java.util.regex.MatchResult::group))
                    .toList();
            assertThat(jars)
                    .as(file)
                    .contains("target/" + finalName + ".jar")
                    .allMatch(
                            j -> j.equals(finalName + ".jar") || j.endsWith("/" + finalName + ".jar"),
                            "named " + finalName + ".jar");
            assertThat(APPLICATION_JAR).isEqualTo(finalName + ".jar");
        }
    }

    private static String childText(Element parent, String name) {
        for (var node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().strip();
            }
        }
        throw new AssertionError("no <" + name + "> in <" + parent.getTagName() + ">");
    }

    @Test
    void buildStageResolvesEveryDependencyInALayerBeforeItCopiesTheSources() {
        Stage build = parse("Dockerfile").stage("build").orElseThrow();
        List<Instruction> instructions = build.instructions();
        int sources = indexOf(
                instructions,
                i -> i.keyword().equals("COPY") && i.operands().get(0).equals("src/main/"));
        int resolve = indexOf(
                instructions, i -> i.keyword().equals("RUN") && i.arguments().contains("dependency:go-offline"));
        Instruction packaging = build.last("RUN").orElseThrow();

        assertThat(resolve)
                .as("RUN ./mvnw dependency:go-offline")
                .isNotNegative()
                .isLessThan(sources);
        assertThat(instructions.subList(0, resolve))
                .extracting(Instruction::keyword)
                .doesNotContain("RUN");
        // a cache mount is not part of the cache that --cache-to exports: the dependencies must be in the layer
        assertThat(instructions.get(resolve).flags()).doesNotContainKey("mount");
        assertThat(instructions.get(resolve).arguments()).startsWith("./mvnw ");
        // the CycloneDX plugin refuses offline mode: an --offline package would ship no SBOM
        assertThat(packaging.arguments())
                .startsWith("case ")
                .contains("./mvnw ")
                .doesNotContain("--offline")
                .contains(" package")
                .contains("java -Djarmode=tools -jar target/")
                // the JDK's AOT cache holds classes from jars on the class path only: not with --launcher
                .contains(" extract --layers --destination /layers")
                .doesNotContain("--launcher");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Dockerfile", "Dockerfile.mongo", "Dockerfile.seed"})
    void everyCacheMountIsLockedSoParallelBuildsDoNotShareItHalfWritten(String file) {
        parse(file).all("RUN").stream()
                .map(run -> run.flags().getOrDefault("mount", ""))
                .filter(mount -> mount.contains("type=cache"))
                .forEach(mount -> assertThat(mount).as(file).contains("sharing=locked"));
    }

    @Test
    void buildStageTakesTheGitCommitAsABuildArgumentForActuatorInfo() {
        Stage build = parse("Dockerfile").stage("build").orElseThrow();
        List<Instruction> instructions = build.instructions();
        int argument = indexOf(
                instructions, i -> i.keyword().equals("ARG") && i.arguments().matches("GIT_COMMIT(=.*)?"));
        int resolve = indexOf(instructions, i -> i.arguments().contains("dependency:go-offline"));
        String packaging = build.last("RUN").orElseThrow().arguments();

        // after the dependency layer, so that a new commit does not resolve the dependencies again
        assertThat(argument).as("ARG GIT_COMMIT").isGreaterThan(resolve);
        assertThat(packaging)
                .contains("target/classes/git.properties")
                .contains("git.commit.id.full=")
                .contains("\"$GIT_COMMIT\"");
        assertThat(packaging.indexOf("git.properties")).isLessThan(packaging.indexOf(" package"));
        // without .git, git-commit-id-maven-plugin would rewrite git.properties without the commit
        assertThat(packaging).contains("-Dmaven.gitcommitid.skip=true");
    }

    @Test
    void gitPropertiesTheBuildStageWritesNameTheCommitAsGitCommitIdPluginDoes() throws Exception {
        String packaging = parse("Dockerfile")
                .stage("build")
                .orElseThrow()
                .last("RUN")
                .orElseThrow()
                .arguments();
        Matcher printf = Pattern.compile("printf ('[^']*') \"\\$GIT_COMMIT\" \"\\$GIT_COMMIT\"")
                .matcher(packaging);
        assertThat(printf.find())
                .as("printf of git.properties in %s", packaging)
                .isTrue();
        String commit = "0123456789abcdef0123456789abcdef01234567";

        Process shell = new ProcessBuilder("sh", "-c", "printf " + printf.group(1) + " \"$1\" \"$1\"", "sh", commit)
                .redirectErrorStream(true)
                .start();
        java.util.Properties written = new java.util.Properties();
        written.load(shell.getInputStream());

        assertThat(shell.waitFor()).isZero();
        assertThat(written)
                .containsEntry("git.commit.id.full", commit)
                .containsEntry("git.commit.id.abbrev", "0123456");
        assertThat(new org.springframework.boot.info.GitProperties(prefixless(written)).getShortCommitId())
                .isEqualTo("0123456");
    }

    private static java.util.Properties prefixless(java.util.Properties gitProperties) {
        java.util.Properties entries = new java.util.Properties();
        gitProperties.forEach((key, value) -> entries.put(((String) key).substring("git.".length()), value));
        return entries;
    }

    private static int indexOf(List<Instruction> instructions, java.util.function.Predicate<Instruction> test) {
        for (int i = 0; i < instructions.size(); i++) {
            if (test.test(instructions.get(i))) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void seedImageRepeatsTheApiImageBuildStageVerbatimSoBuildKitBuildsTheJarOnce() {
        Stage api = parse("Dockerfile").stage("build").orElseThrow();
        Stage seed = parse("Dockerfile.seed").stage("build").orElseThrow();

        assertThat(describe(seed)).isEqualTo(describe(api));
    }

    private static List<String> describe(Stage stage) {
        return Stream.concat(Stream.of(stage.from()), stage.instructions().stream())
                .map(i -> i.keyword() + " " + i.flags() + " " + i.arguments())
                .toList();
    }

    @Test
    void apiImageCopiesEachSpringBootLayerSeparatelyLeastChangingFirst() {
        Stage runtime = parse("Dockerfile").finalStage();
        List<String> copied = runtime.all("COPY").stream()
                .filter(c -> "build".equals(c.flags().get("from")))
                .map(c -> c.operands().get(0))
                .toList();

        assertThat(copied)
                .containsExactly(
                        "/layers/dependencies/",
                        "/layers/spring-boot-loader/",
                        "/layers/snapshot-dependencies/",
                        "/layers/application/");
        assertThat(runtime.last("ENTRYPOINT").flatMap(Instruction::execForm).orElseThrow())
                .startsWith("java")
                .endsWith("-jar", APPLICATION_JAR);
    }

    @Test
    void apiImageStartsFromTheAotCacheItsTrainingRunWroteAfterTheJarsWereCopied() {
        Stage runtime = parse("Dockerfile").finalStage();
        List<Instruction> instructions = runtime.instructions();
        int lastCopy = runtime.lastCopyFromBuild();
        int training = indexOf(
                instructions, i -> i.keyword().equals("RUN") && i.arguments().contains("aot-training.sh"));
        int user = indexOf(instructions, i -> i.keyword().equals("USER"));
        int options = indexOf(
                instructions, i -> i.keyword().equals("ENV") && i.arguments().startsWith("JAVA_TOOL_OPTIONS="));
        Instruction run = instructions.get(training);

        // the cache records each jar's size and modification time: it must see the jars the image ships
        assertThat(training).as("RUN aot-training.sh").isGreaterThan(lastCopy);
        // written by root, so read-only for the user the service runs as; trained with the shipped options
        assertThat(training).isLessThan(user).isGreaterThan(options);
        assertThat(run.flags().get("mount")).contains("source=" + TRAINING_SCRIPT);
        assertThat(run.arguments()).contains("aot-training.sh " + AOT_CACHE);
        assertThat(runtime.last("ENTRYPOINT").flatMap(Instruction::execForm).orElseThrow())
                .contains("-XX:AOTCache=" + AOT_CACHE);
    }

    @Test
    void trainingRunStartsTheJvmAsTheEntrypointDoesSoTheCacheMatchesIt() throws Exception {
        List<String> entrypoint = new ArrayList<>(parse("Dockerfile")
                .finalStage()
                .last("ENTRYPOINT")
                .flatMap(Instruction::execForm)
                .orElseThrow());
        String script = Files.readString(ROOT.resolve(TRAINING_SCRIPT)).replace("\\\n", " ");
        Matcher java = Pattern.compile("\\n[^#\\n]*?\\bjava (-XX:AOTCacheOutput=\\S+ [^>&]*?)\\s*[>&]")
                .matcher(script);
        assertThat(java.find())
                .as("a java -XX:AOTCacheOutput=… command in %s", TRAINING_SCRIPT)
                .isTrue();
        List<String> training = new ArrayList<>(List.of(("java " + java.group(1)).split("\\s+")));

        assertThat(training.removeIf(a -> a.startsWith("-XX:AOTCacheOutput="))).isTrue();
        assertThat(entrypoint.remove("-XX:AOTCache=" + AOT_CACHE)).isTrue();
        assertThat(training).isEqualTo(entrypoint);
        // JDK 25 runs adapters compiled for the training machine's CPU on any CPU: keep them out of the cache
        assertThat(entrypoint).containsSubsequence("-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTAdapterCaching");
    }

    @Test
    void apiImageNamesItsCollectorSoTheTrainingMachineAndTheContainerUseTheSame() {
        // without it the JVM picks G1 on a build machine with two CPUs and 2 GB, and Serial in a smaller container
        assertThat(parse("Dockerfile").finalStage().all("ENV"))
                .extracting(Instruction::arguments)
                .filteredOn(env -> env.startsWith("JAVA_TOOL_OPTIONS="))
                .singleElement()
                .asString()
                .containsPattern("-XX:\\+Use(Serial|Parallel|G1|Z|Shenandoah)GC\\b");
    }

    @Test
    void apiImageExposes8080AndSizesTheHeapFromTheContainerLimit() {
        Stage runtime = parse("Dockerfile").finalStage();

        assertThat(runtime.all("EXPOSE")).extracting(Instruction::arguments).containsExactly("8080");
        assertThat(runtime.all("ENV"))
                .extracting(Instruction::arguments)
                .anyMatch(env -> env.matches("JAVA_TOOL_OPTIONS=\".*-XX:MaxRAMPercentage=[0-9.]+.*\""));
    }

    @Test
    void seedImageRunsTheSeederCommandLineOnTheBundledDataset() {
        Stage seed = parse("Dockerfile.seed").finalStage();
        List<String> command = new ArrayList<>(
                seed.last("ENTRYPOINT").flatMap(Instruction::execForm).orElseThrow());
        command.addAll(seed.last("CMD").flatMap(Instruction::execForm).orElseThrow());
        Instruction copyDataset = seed.all("COPY").stream()
                .filter(c -> "dataset".equals(c.flags().get("from")))
                .findFirst()
                .orElseThrow();

        // the seeder's documented command line, started as the API image starts the service
        assertThat(command).containsExactly("java", "-jar", APPLICATION_JAR, "seed", "--file", "/data/restaurant.json");
        assertThat(copyDataset.operands()).containsExactly("/restaurant.json", "/data/restaurant.json");
    }

    @Test
    void seedImageIsTheApiImagesLayersPlusTheDatasetNotAFatJar() {
        Stage api = parse("Dockerfile").finalStage();
        Stage seed = parse("Dockerfile.seed").finalStage();
        List<String> apiLayers = describe(api).subList(0, layersEnd(api));

        // the same base and the same instructions: BuildKit gives both images the same layers
        assertThat(describe(seed).subList(0, layersEnd(seed)))
                .isEqualTo(apiLayers.stream()
                        .map(i -> i.replace(" AS runtime", " AS seed"))
                        .toList());
        assertThat(seed.all("COPY")).extracting(Instruction::arguments).noneMatch(a -> a.contains(".jar"));
    }

    private static int layersEnd(Stage stage) {
        int last = stage.lastCopyFromBuild();
        assertThat(last).as("COPY --from=build in %s", stage.from()).isNotNegative();
        return last + 2; // the FROM line comes first in describe()
    }

    @ParameterizedTest
    @ValueSource(strings = {"url", "context"})
    void seedUserCanReadTheDatasetWhicheverSourceItCameFrom(String datasetSource) {
        Dockerfile seed = parse("Dockerfile.seed");
        Stage runtime = seed.finalStage();
        String user = runtime.last("USER").orElseThrow().arguments().split(":")[0];
        Instruction copy = runtime.all("COPY").stream()
                .filter(c -> "dataset".equals(c.flags().get("from")))
                .findFirst()
                .orElseThrow();
        Stage selected = seed.stage(resolveArgs(
                        seed.stage("dataset").orElseThrow().image(), Map.of("DATASET_SOURCE", datasetSource)))
                .orElseThrow();
        Instruction source = selected.instructions().stream()
                .filter(i -> Set.of("ADD", "COPY").contains(i.keyword()))
                .reduce((a, b) -> b)
                .orElseThrow();

        assertThat(readableBy(user, copy, source))
                .as("%s then %s, read as user %s", source, copy, user)
                .isTrue();
    }

    /**
     * Whether the runtime user can read what {@code copy} takes from a stage that got it by {@code source}.
     * The Dockerfile reference: a file {@code ADD}ed from a URL gets mode 600; {@code COPY} keeps the mode the
     * file has in the build context, which the Dockerfile does not control; both are owned by root unless
     * {@code --chown} says otherwise.
     */
    private static boolean readableBy(String user, Instruction copy, Instruction source) {
        String chown = copy.flags().getOrDefault("chown", source.flags().getOrDefault("chown", "0"));
        boolean owner = chown.split(":")[0].equals(user);
        String chmod = copy.flags().getOrDefault("chmod", source.flags().get("chmod"));
        if (chmod == null) {
            return owner && source.keyword().equals("ADD");
        }
        int mode = Integer.parseInt(chmod, 8);
        return (mode & 0004) != 0 || (owner && (mode & 0400) != 0);
    }

    @Test
    void datasetIsTheChecksummedPinnedDownloadOrAVerifiedCopyFromTheContext() {
        Dockerfile seed = parse("Dockerfile.seed");
        Instruction add = seed.stage("dataset-url").orElseThrow().last("ADD").orElseThrow();
        Stage fromContext = seed.stage("dataset-context").orElseThrow();
        Stage selected = seed.stage("dataset").orElseThrow();

        assertThat(add.flags()).containsEntry("checksum", "sha256:" + DATASET_SHA256);
        assertThat(add.operands()).containsExactly(DATASET_URL, "/restaurant.json");
        assertThat(fromContext.last("COPY").orElseThrow().operands())
                .containsExactly("data/restaurant.json", "/restaurant.json");
        assertThat(fromContext.last("RUN").orElseThrow().arguments())
                // sha256sum -c reads "<sum>  <file>" lines: two spaces
                .contains("printf '%s  %s\\n' " + DATASET_SHA256 + " /restaurant.json")
                .contains("sha256sum -c");
        assertThat(seed.globalArgs()).containsEntry("DATASET_SOURCE", "url");
        assertThat(selected.image()).isEqualTo("dataset-${DATASET_SOURCE}");
    }

    @Test
    void mongoImageAddsTheSharedUserInitScriptAndNoCredentials() {
        Dockerfile mongo = parse("Dockerfile.mongo");

        assertThat(mongo.finalStage().image()).startsWith("mongo:8.");
        assertThat(mongo.finalStage().all("COPY"))
                .extracting(Instruction::operands)
                .containsExactly(
                        List.of("charts/mongo/files/create-users.js", "/docker-entrypoint-initdb.d/create-users.js"));
    }

    @Test
    void mongoImageRemovesTheGosuItNeverRunsAndAScannerWouldFlag() {
        Stage mongo = parse("Dockerfile.mongo").finalStage();
        List<Instruction> instructions = mongo.instructions();
        int removal = indexOf(
                instructions, i -> i.keyword().equals("RUN") && i.arguments().matches("rm -f /usr/local/bin/gosu"));
        int user = indexOf(instructions, i -> i.keyword().equals("USER"));

        // the official entrypoint calls gosu only when it runs as root, which this image never does
        assertThat(removal).as("RUN rm -f /usr/local/bin/gosu").isNotNegative().isLessThan(user);
        assertThat(mongo.last("USER").orElseThrow().arguments()).isEqualTo("999:999");
        assertThat(mongo.last("ENTRYPOINT")).isEmpty();
    }

    @Test
    void mongoImageKeepsMongoshStateOutOfTheDataVolume() {
        // the official image sets HOME=/data/db, the volume; mongosh writes $HOME/.mongodb
        List<String> env = parse("Dockerfile.mongo").finalStage().all("ENV").stream()
                .map(Instruction::arguments)
                .toList();

        assertThat(env).contains("HOME=/tmp");
    }

    @Test
    void testsRunTheMongoDbVersionTheImageShips() {
        String image = parse("Dockerfile.mongo").finalStage().image();

        assertThat(io.restaurantapi.support.TestMongo.MONGO_IMAGE).isEqualTo(image);
    }

    @Test
    void mavenWrapperVerifiesTheMavenDistributionItDownloads() throws Exception {
        java.util.Properties wrapper = new java.util.Properties();
        try (var in = Files.newInputStream(ROOT.resolve(".mvn/wrapper/maven-wrapper.properties"))) {
            wrapper.load(in);
        }

        // only-script downloads no maven-wrapper.jar: the distribution is the one download to check
        assertThat(wrapper.getProperty("distributionType")).isEqualTo("only-script");
        assertThat(wrapper.getProperty("distributionUrl")).startsWith("https://repo.maven.apache.org/maven2/");
        assertThat(wrapper.getProperty("distributionSha256Sum")).matches("[0-9a-f]{64}");
    }

    @Test
    void noImageBakesInACredential() {
        Pattern secretName = Pattern.compile("(?i)\\b\\w*(PASSWORD|PASSWD|SECRET|TOKEN|CREDENTIAL)\\w*\\s*=");
        all().forEach(d -> {
            assertThat(d.globalArgs().keySet())
                    .noneMatch(name -> secretName.matcher(name + "=").find());
            d.stages().stream()
                    .flatMap(s -> s.instructions().stream())
                    .filter(i -> Set.of("ENV", "ARG", "LABEL").contains(i.keyword()))
                    .forEach(i -> assertThat(i.arguments())
                            .as("%s %s", d.path().getFileName(), i)
                            .doesNotContainPattern(secretName));
            d.stages().stream()
                    .flatMap(s -> s.instructions().stream())
                    .forEach(i -> assertThat(i.arguments())
                            .as("%s %s", d.path().getFileName(), i)
                            .doesNotContainPattern("mongodb(\\+srv)?://[^/\\s]*:[^/\\s]*@"));
        });
    }
}
