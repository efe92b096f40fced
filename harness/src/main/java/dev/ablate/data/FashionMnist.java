package dev.ablate.data;

import dev.ablate.spec.TrialKey;
import dev.ablate.spec.DatasetSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf 2017, arXiv:1708.07747), registry name {@code fashion-mnist}:
 * the full 60,000 training and 10,000 test images, example shape {@code [1, 28, 28]}, pixels in
 * {@code [0, 1]}, the ten standard classes {@link #CLASS_NAMES}.
 *
 * <p><b>Where the files come from.</b> The four standard files ({@link #FILE_NAMES}) are looked up, all
 * four in one directory, in this order:
 * <ol>
 *   <li>{@code $ABLATE_DATA_DIR}, then {@code $ABLATE_DATA_DIR/fashion-mnist/} (when the variable is set);</li>
 *   <li>the user cache {@code ~/.cache/ablate/datasets/fashion-mnist/};</li>
 *   <li>the system dataset directory {@code /usr/share/datasets/fashion-mnist/} (Debian/Ubuntu package
 *       {@code dataset-fashion-mnist}).</li>
 * </ol>
 * If none holds them, the missing files are downloaded from the dataset's published location
 * {@link #DOWNLOAD_BASE} into the user cache: each is streamed to a temporary file in the cache directory,
 * its SHA-256 checked against {@link #OFFICIAL_SHA256}, then atomically renamed into place, so the cache
 * never holds a partial or unverified file. Setting {@code ABLATE_OFFLINE} (to any non-empty value)
 * disables the download. When nothing works, {@link #load} throws {@link DatasetUnavailableException}
 * saying what was searched and how to get the data.
 *
 * <p><b>Identity.</b> {@link #sourceDigest} hashes the four files' bytes. A file whose SHA-256 is that of
 * the official download or of the Debian package's copy counts as the official file: Debian's build
 * (strip-nondeterminism) rewrote only the gzip header — it dropped the embedded file name and reset the
 * timestamp — and kept the compressed stream, so the pixels are identical. (Checked: restoring the name
 * and the original 2017-08-31 timestamp in the Debian files' headers reproduces the MD5s the Fashion-MNIST
 * README publishes.) Same data from either place therefore gives the same fingerprint.
 */
public final class FashionMnist implements DatasetSource {

    /** Registry name. */
    public static final String NAME = "fashion-mnist";

    /** Class names by label index, as the Fashion-MNIST README lists them. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** Image height and width. */
    public static final int SIDE = 28;

    /** Training images file name. */
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    /** Training labels file name. */
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
    /** Test images file name. */
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    /** Test labels file name. */
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";
    /** The four files, in the order they are searched for, downloaded and hashed. */
    public static final List<String> FILE_NAMES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

    /** The download location the Fashion-MNIST README links to. */
    public static final URI DOWNLOAD_BASE = URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/");

    /**
     * SHA-256 of the official downloads (the files whose MD5s the Fashion-MNIST README publishes:
     * 8d4fb7e6…, 25c81989…, bef4ecab…, bb300cfd…).
     */
    public static final Map<String, String> OFFICIAL_SHA256 = Map.of(
            TRAIN_IMAGES, "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
            TRAIN_LABELS, "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
            TEST_IMAGES, "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
            TEST_LABELS, "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5");

    /**
     * SHA-256 of the files in Debian's {@code dataset-fashion-mnist 0.0~git20200523.55506a9-1}: the official
     * compressed streams under a rewritten gzip header (see the class comment), so the same data.
     */
    static final Map<String, String> DEBIAN_SHA256 = Map.of(
            TRAIN_IMAGES, "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7",
            TRAIN_LABELS, "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056",
            TEST_IMAGES, "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa",
            TEST_LABELS, "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05");

    /** Bump when the digest recipe or the decoding changes, so old fingerprints stop matching. */
    private static final String DIGEST_VERSION = "fashion-mnist idx v1";
    private static final Path SYSTEM_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

    private final List<Path> searchDirs;
    private final Path cacheDir;
    private final URI downloadBase;
    private final Map<String, String> downloadSha256;
    private final boolean downloadAllowed;

    /**
     * The standard configuration: search order and download as described in the class comment, read from
     * the environment ({@code ABLATE_DATA_DIR}, {@code ABLATE_OFFLINE}, {@code user.home}) now.
     */
    public FashionMnist() {
        this(standardSearchDirs(System.getenv("ABLATE_DATA_DIR"), userCacheDir()), userCacheDir(), DOWNLOAD_BASE,
                OFFICIAL_SHA256, isBlank(System.getenv("ABLATE_OFFLINE")));
    }

    /**
     * A configurable source, for tests.
     *
     * @param searchDirs      directories searched in order for all four files (the cache is searched only if listed)
     * @param cacheDir        where downloads go
     * @param downloadBase    base URL the file names are resolved against
     * @param downloadSha256  expected SHA-256 per file name of a download
     * @param downloadAllowed whether to download when no directory holds the files
     */
    FashionMnist(List<Path> searchDirs, Path cacheDir, URI downloadBase, Map<String, String> downloadSha256,
                 boolean downloadAllowed) {
        this.searchDirs = List.copyOf(searchDirs);
        this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir");
        this.downloadBase = Objects.requireNonNull(downloadBase, "downloadBase");
        this.downloadSha256 = Map.copyOf(downloadSha256);
        this.downloadAllowed = downloadAllowed;
    }

    /**
     * The standard search order: {@code dataDir}, {@code dataDir/fashion-mnist} (if {@code dataDir} is
     * set), the cache, the system dataset directory.
     */
    static List<Path> standardSearchDirs(String dataDir, Path cacheDir) {
        List<Path> dirs = new ArrayList<>();
        if (!isBlank(dataDir)) {
            dirs.add(Path.of(dataDir));
            dirs.add(Path.of(dataDir, NAME));
        }
        dirs.add(cacheDir);
        dirs.add(SYSTEM_DIR);
        return dirs;
    }

    /** {@code ~/.cache/ablate/datasets/fashion-mnist}. */
    static Path userCacheDir() {
        return Path.of(System.getProperty("user.home"), ".cache", "ablate", "datasets", NAME);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public TrainTest load(DatasetSpec spec) {
        Path dir = locate();
        try {
            Dataset train = readSplit(NAME + "/train", dir.resolve(TRAIN_IMAGES), dir.resolve(TRAIN_LABELS));
            Dataset test = readSplit(NAME + "/test", dir.resolve(TEST_IMAGES), dir.resolve(TEST_LABELS));
            return new TrainTest(train, test);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Fashion-MNIST from " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String sourceDigest(DatasetSpec spec) {
        Path dir = locate();
        StringBuilder identity = new StringBuilder(DIGEST_VERSION).append('\n');
        for (String file : FILE_NAMES) {
            String digest = Sha256.ofFile(dir.resolve(file));
            if (digest.equals(DEBIAN_SHA256.get(file))) {
                digest = OFFICIAL_SHA256.get(file);
            }
            identity.append(file).append(' ').append(digest).append('\n');
        }
        return TrialKey.sha256Hex(identity.toString());
    }

    /**
     * The first directory that holds all four files, downloading them into the cache if none does.
     *
     * @return the directory
     * @throws DatasetUnavailableException if no directory holds them and the download is off or fails
     */
    public Path locate() {
        for (Path dir : searchDirs) {
            if (holdsAllFiles(dir)) {
                return dir;
            }
        }
        if (!downloadAllowed) {
            throw unavailable("download disabled because ABLATE_OFFLINE is set", null);
        }
        try {
            download();
        } catch (IOException | RuntimeException e) {
            throw unavailable("download from " + downloadBase + " into " + cacheDir + " failed: " + e, e);
        }
        return cacheDir;
    }

    /** Reads one split's image and label files into a dataset, checking shapes and label range. */
    static Dataset readSplit(String name, Path images, Path labels) throws IOException {
        IdxReader.Images pixels = IdxReader.readImages(images);
        int[] classes = IdxReader.readLabels(labels);
        return toDataset(name, pixels, images.toString(), classes, labels.toString());
    }

    /**
     * Checks decoded Fashion-MNIST-format images and labels agree (28x28 images, one label in [0, 10) per
     * image) and wraps them as a dataset of shape {@code [1, 28, 28]}.
     */
    static Dataset toDataset(String name, IdxReader.Images images, String imagesSource, int[] labels,
                             String labelsSource) throws IdxFormatException {
        if (images.rows() != SIDE || images.columns() != SIDE) {
            throw new IdxFormatException(imagesSource, "images are " + images.rows() + "x" + images.columns()
                    + ", Fashion-MNIST images are " + SIDE + "x" + SIDE);
        }
        if (labels.length != images.count()) {
            throw new IdxFormatException(labelsSource, labels.length + " labels for " + images.count()
                    + " images in " + imagesSource);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= CLASS_NAMES.size()) {
                throw new IdxFormatException(labelsSource, "label " + labels[i] + " at index " + i
                        + " is not a class index in [0, " + CLASS_NAMES.size() + ")");
            }
        }
        return new Dataset(name, images.pixels(), labels, new int[] {1, SIDE, SIDE}, CLASS_NAMES);
    }

    private static boolean holdsAllFiles(Path dir) {
        for (String file : FILE_NAMES) {
            if (!Files.isRegularFile(dir.resolve(file))) {
                return false;
            }
        }
        return true;
    }

    private void download() throws IOException {
        Files.createDirectories(cacheDir);
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        for (String file : FILE_NAMES) {
            Path target = cacheDir.resolve(file);
            if (Files.isRegularFile(target)) {
                continue; // verified when it was downloaded
            }
            downloadOne(client, file, target);
        }
    }

    private void downloadOne(HttpClient client, String file, Path target) throws IOException {
        String expected = downloadSha256.get(file);
        if (expected == null) {
            throw new IllegalStateException("no SHA-256 known for " + file + " (have " + downloadSha256.keySet() + ")");
        }
        URI uri = downloadBase.resolve(file);
        Path part = Files.createTempFile(cacheDir, file + ".", ".part");
        boolean moved = false;
        try {
            HttpResponse<InputStream> response;
            try {
                response = client.send(HttpRequest.newBuilder(uri).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while downloading " + uri, e);
            }
            MessageDigest digest = Sha256.newDigest();
            try (InputStream in = response.body(); OutputStream out = Files.newOutputStream(part)) {
                if (response.statusCode() != 200) {
                    throw new IOException(uri + ": HTTP " + response.statusCode());
                }
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    digest.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            String actual = Sha256.hex(digest);
            if (!actual.equals(expected)) {
                throw new IOException(uri + ": SHA-256 mismatch: expected " + expected + ", got " + actual
                        + " (file discarded)");
            }
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(part);
            }
        }
    }

    private DatasetUnavailableException unavailable(String downloadOutcome, Throwable cause) {
        Set<String> searched = new LinkedHashSet<>();
        for (Path dir : searchDirs) {
            searched.add(dir.toString());
        }
        String message = "Fashion-MNIST is not available. Searched for " + String.join(", ", FILE_NAMES)
                + " in: " + String.join(", ", searched) + "; " + downloadOutcome + ".\n"
                + "To get the data, do one of:\n"
                + "  - apt-get install dataset-fashion-mnist   (installs the files in " + SYSTEM_DIR + ")\n"
                + "  - put the four files in $ABLATE_DATA_DIR (or $ABLATE_DATA_DIR/" + NAME + "/)\n"
                + "  - allow network access (and leave ABLATE_OFFLINE unset) so they are downloaded from "
                + downloadBase + " into " + cacheDir;
        return new DatasetUnavailableException(message, cause);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
