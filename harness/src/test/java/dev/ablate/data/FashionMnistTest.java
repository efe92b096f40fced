package dev.ablate.data;

import com.sun.net.httpserver.HttpServer;
import dev.ablate.spec.DatasetSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class FashionMnistTest {

    static final Path SYSTEM_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    private static final DatasetSpec SPEC = DatasetSpec.named(FashionMnist.NAME, 0);

    @TempDir
    Path tmp;

    static boolean systemFilesPresent() {
        return FashionMnist.FILE_NAMES.stream().allMatch(f -> Files.isRegularFile(SYSTEM_DIR.resolve(f)));
    }

    /** A source that only looks in the system directory and never downloads. */
    static FashionMnist systemOnly(Path cache) {
        return new FashionMnist(List.of(SYSTEM_DIR), cache, URI.create("http://127.0.0.1:9/"),
                FashionMnist.OFFICIAL_SHA256, false);
    }

    @Test
    void loadsTheFullDatasetFromTheDebianPackage(TestReporter reporter) {
        assumeTrue(systemFilesPresent(), "Fashion-MNIST not installed in " + SYSTEM_DIR);
        FashionMnist source = systemOnly(tmp);

        long[] millis = new long[3];
        DatasetSource.TrainTest data = null;
        for (int i = 0; i < millis.length; i++) {
            long start = System.nanoTime();
            data = source.load(SPEC);
            millis[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(millis);
        reporter.publishEntry("fashion-mnist full load ms (sorted)", Arrays.toString(millis));
        assertTrue(millis[1] < 2000, "median full load took " + millis[1] + " ms");

        Dataset train = data.train();
        Dataset test = data.test();
        assertEquals(60_000, train.size());
        assertEquals(10_000, test.size());
        assertArrayEquals(new int[] {1, 28, 28}, train.exampleShape());
        assertEquals(784, train.featureCount());
        assertEquals(List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker",
                "Bag", "Ankle boot"), train.classNames());
        assertArrayEquals(filled(10, 6000), histogram(train.labels(), 10));
        assertArrayEquals(filled(10, 1000), histogram(test.labels(), 10));
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        double sum = 0;
        for (float p : train.features()) {
            min = Math.min(min, p);
            max = Math.max(max, p);
            sum += p;
        }
        assertEquals(0f, min);
        assertEquals(1f, max);
        double mean = sum / train.features().length;
        // Fashion-MNIST's training-pixel mean is 0.2860 (72.94 / 255).
        assertEquals(0.2860, mean, 0.001);
        // The first training example is an ankle boot, the first test example too.
        assertEquals(9, train.labels()[0]);
        assertEquals(9, test.labels()[0]);
    }

    @Test
    void debianChecksumConstantsMatchTheInstalledFiles() {
        assumeTrue(systemFilesPresent(), "Fashion-MNIST not installed in " + SYSTEM_DIR);
        for (String file : FashionMnist.FILE_NAMES) {
            assertEquals(FashionMnist.DEBIAN_SHA256.get(file), Sha256.ofFile(SYSTEM_DIR.resolve(file)), file);
        }
    }

    @Test
    void standardSearchOrderIsDataDirThenItsSubfolderThenCacheThenSystem() {
        Path cache = Path.of("/home/u/.cache/ablate/datasets/fashion-mnist");
        assertEquals(List.of(Path.of("/data"), Path.of("/data/fashion-mnist"), cache, SYSTEM_DIR),
                FashionMnist.standardSearchDirs("/data", cache));
        assertEquals(List.of(cache, SYSTEM_DIR), FashionMnist.standardSearchDirs(null, cache));
        assertEquals(List.of(cache, SYSTEM_DIR), FashionMnist.standardSearchDirs(" ", cache));
        assertTrue(FashionMnist.userCacheDir().endsWith(Path.of(".cache", "ablate", "datasets", "fashion-mnist")));
    }

    @Test
    void lookupTakesTheFirstDirectoryHoldingAllFourFiles() {
        Path dataDir = tmp.resolve("data");
        Path sub = dataDir.resolve("fashion-mnist");
        Path cache = tmp.resolve("cache");
        Path system = tmp.resolve("system");
        IdxFiles.writeTinyFashionMnist(system, 5, 2, 1);
        IdxFiles.writeTinyFashionMnist(cache, 6, 2, 2);
        IdxFiles.writeTinyFashionMnist(sub, 7, 2, 3);
        // dataDir itself holds only three of the four files, so it must be skipped
        IdxFiles.writeTinyFashionMnist(dataDir, 8, 2, 4);
        assertTrue(dataDir.resolve(FashionMnist.TEST_LABELS).toFile().delete());
        List<Path> order = List.of(dataDir, sub, cache, system);

        assertEquals(sub, offline(order, cache).locate());
        assertEquals(7, offline(order, cache).load(SPEC).train().size());
        assertEquals(cache, offline(List.of(dataDir, cache, system), cache).locate());
        assertEquals(system, offline(List.of(tmp.resolve("nowhere"), system), cache).locate());
    }

    @Test
    void downloadsIntoTheCacheWithChecksumsAndAtomicRename() throws Exception {
        Path served = tmp.resolve("served");
        IdxFiles.writeTinyFashionMnist(served, 12, 4, 5);
        Map<String, String> sha = checksums(served);
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = serve(served, requests);
        try {
            Path cache = tmp.resolve("cache");
            FashionMnist source = new FashionMnist(List.of(tmp.resolve("empty"), cache), cache, base(server), sha, true);

            DatasetSource.TrainTest data = source.load(SPEC);

            assertEquals(12, data.train().size());
            assertEquals(4, data.test().size());
            assertEquals(4, requests.get());
            for (String file : FashionMnist.FILE_NAMES) {
                assertArrayEquals(Files.readAllBytes(served.resolve(file)), Files.readAllBytes(cache.resolve(file)), file);
            }
            assertEquals(4, listing(cache).length, "no temporary files left: " + Arrays.toString(listing(cache)));
            // the second time the cache is found by the lookup; nothing is downloaded
            source.load(SPEC);
            assertEquals(4, requests.get());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void checksumMismatchIsRejectedAndLeavesNoFileBehind() throws Exception {
        Path served = tmp.resolve("served");
        IdxFiles.writeTinyFashionMnist(served, 3, 3, 6);
        Map<String, String> sha = new HashMap<>(checksums(served));
        sha.put(FashionMnist.TRAIN_IMAGES, "0".repeat(64));
        HttpServer server = serve(served, new AtomicInteger());
        try {
            Path cache = tmp.resolve("cache");
            FashionMnist source = new FashionMnist(List.of(cache), cache, base(server), sha, true);

            DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class, () -> source.load(SPEC));

            assertTrue(e.getMessage().contains("SHA-256 mismatch"), e.getMessage());
            assertTrue(e.getMessage().contains(FashionMnist.TRAIN_IMAGES), e.getMessage());
            assertFalse(Files.exists(cache.resolve(FashionMnist.TRAIN_IMAGES)));
            assertEquals(0, listing(cache).length, "nothing left in the cache: " + Arrays.toString(listing(cache)));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void httpErrorIsReported() throws Exception {
        Path served = tmp.resolve("served-nothing");
        Files.createDirectories(served);
        HttpServer server = serve(served, new AtomicInteger());
        try {
            Path cache = tmp.resolve("cache");
            FashionMnist source = new FashionMnist(List.of(cache), cache, base(server), FashionMnist.OFFICIAL_SHA256, true);
            DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class, source::locate);
            assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
            assertEquals(0, listing(cache).length);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void unavailableDataSaysWhereItLookedAndHowToGetIt() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Path a = tmp.resolve("a");
        Path cache = tmp.resolve("cache");
        FashionMnist source = new FashionMnist(List.of(a, cache), cache,
                URI.create("http://127.0.0.1:" + closedPort + "/"), FashionMnist.OFFICIAL_SHA256, true);

        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class, () -> source.load(SPEC));

        String m = e.getMessage();
        for (String expected : List.of("apt-get install dataset-fashion-mnist", "$ABLATE_DATA_DIR",
                "allow network access", a.toString(), cache.toString(), FashionMnist.TRAIN_IMAGES, "failed")) {
            assertTrue(m.contains(expected), () -> "expected '" + expected + "' in:\n" + m);
        }
        DatasetUnavailableException offline = assertThrows(DatasetUnavailableException.class,
                () -> offline(List.of(a), cache).locate());
        assertTrue(offline.getMessage().contains("ABLATE_OFFLINE"), offline.getMessage());
    }

    @Test
    void malformedLocalFilesAreReportedWithTheirPath() {
        Path dir = tmp.resolve("bad");
        IdxFiles.writeTinyFashionMnist(dir, 4, 2, 7);
        IdxFiles.write(dir.resolve(FashionMnist.TEST_LABELS), IdxFiles.gzip(IdxFiles.labels(1, 2, 3)));
        RuntimeException e = assertThrows(RuntimeException.class, () -> offline(List.of(dir), dir).load(SPEC));
        assertTrue(e.getMessage().contains(dir.resolve(FashionMnist.TEST_LABELS).toString()), e.getMessage());
        assertTrue(e.getMessage().contains("3 labels for 2 images"), e.getMessage());
    }

    static int[] histogram(int[] labels, int classes) {
        int[] h = new int[classes];
        for (int label : labels) {
            h[label]++;
        }
        return h;
    }

    static int[] filled(int n, int value) {
        int[] a = new int[n];
        Arrays.fill(a, value);
        return a;
    }

    private static FashionMnist offline(List<Path> dirs, Path cache) {
        return new FashionMnist(dirs, cache, URI.create("http://127.0.0.1:9/"), FashionMnist.OFFICIAL_SHA256, false);
    }

    private static Map<String, String> checksums(Path dir) {
        Map<String, String> sha = new HashMap<>();
        for (String file : FashionMnist.FILE_NAMES) {
            sha.put(file, Sha256.ofFile(dir.resolve(file)));
        }
        return sha;
    }

    private static HttpServer serve(Path dir, AtomicInteger requests) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            Path file = dir.resolve(exchange.getRequestURI().getPath().substring(1));
            if (Files.isRegularFile(file)) {
                byte[] body = Files.readAllBytes(file);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } else {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
            }
        });
        server.start();
        return server;
    }

    private static URI base(HttpServer server) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private static String[] listing(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return new String[0];
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }
}
