package io.restaurantapi.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Where the dataset file comes from: an explicit path ({@code --file} or {@code RESTAURANT_DATASET}), or else
 * {@code data/restaurant.json}, downloaded from the pinned public URL and checked against its SHA-256 the first
 * time it is needed.
 */
public record DatasetSource(URI url, String sha256, Path defaultPath) {

    /** The public dataset (Apache-2.0), pinned to a commit so that its checksum never changes. */
    public static final DatasetSource PINNED = new DatasetSource(
            URI.create("https://raw.githubusercontent.com/intelygenz/the-real-devops-challenge/"
                    + "abc392063b5c602e60a12ec2314b17ec49000e99/data/restaurant.json"),
            "e0e7c78f8dee0f40fe45d5215b6b0f5e161a19def53be3a25848f5c5a40db091",
            Path.of("data", "restaurant.json"));

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** The file to load: {@code explicitPath} when given (it must exist), else the default path, downloaded if absent. */
    public Path resolve(String explicitPath) throws DatasetUnavailableException {
        if (explicitPath != null && !explicitPath.isBlank()) {
            Path file = Path.of(explicitPath);
            if (!Files.isReadable(file)) {
                throw new DatasetUnavailableException("dataset file " + file + " does not exist or cannot be read");
            }
            return file;
        }
        if (!Files.exists(defaultPath)) {
            download();
        }
        return defaultPath;
    }

    /** Downloads to a temporary file beside the target and moves it into place only once its checksum matches. */
    void download() throws DatasetUnavailableException {
        Path partial = null;
        try {
            Path directory = defaultPath.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            partial = Files.createTempFile(directory, defaultPath.getFileName().toString(), ".partial");
            String actual = fetch(partial);
            if (!actual.equals(sha256)) {
                throw new DatasetUnavailableException("downloaded dataset from " + url + " has SHA-256 " + actual
                        + ", expected " + sha256 + "; nothing was saved");
            }
            Files.move(partial, defaultPath, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new DatasetUnavailableException(
                    "cannot download the dataset from " + url + " (" + e
                            + "); download it yourself and pass --file PATH or set RESTAURANT_DATASET",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatasetUnavailableException("interrupted while downloading the dataset from " + url, e);
        } finally {
            deleteQuietly(partial);
        }
    }

    private String fetch(Path target) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("HTTP status " + response.statusCode());
            }
            MessageDigest digest = sha256Digest();
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(target), digest)) {
                body.transferTo(out);
            }
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // The download already failed or succeeded; a leftover temporary file is harmless.
        }
    }
}
