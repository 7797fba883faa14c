package horizon.secret;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master keys kept in a file next to the data when HORIZON_MASTER_KEY is not set; created on first start with one
 * key. The file may hold several keys, one base64 line each: the first seals, the others only open (keys that sealed values
 * before a rotation). Blank lines and lines starting with {@code #} are skipped.
 */
final class MasterKeyFile {

    private static final Logger log = LoggerFactory.getLogger(MasterKeyFile.class);

    private MasterKeyFile() {
    }

    /** The file's keys, the sealing one first; the file is created with a new key when it does not exist. */
    static List<MasterKey> loadOrCreate(Path file) {
        if (!Files.exists(file)) {
            create(file);
        }
        return load(file);
    }

    private static List<MasterKey> load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the master key file " + file, e);
        }
        List<MasterKey> keys = new ArrayList<>();
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1).strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                keys.add(MasterKey.fromBase64(line, "Key file " + file + ", line " + number));
            }
        }
        if (keys.isEmpty()) {
            throw new MasterKeyProblem("Key file " + file + " holds no key (expected one base64 line; "
                    + "generate one with: openssl rand -base64 32)");
        }
        return List.copyOf(keys);
    }

    /**
     * Writes a new key to a temporary file beside {@code file} (owner-only from its creation), forces it to disk, and
     * then links it in under its name in one step, which fails if the name exists: another process either sees no key
     * file or the whole key, never an empty or partial one, and two nodes starting at once keep the first one's key.
     */
    private static void create(Path file) {
        byte[] key = new byte[MasterKey.LENGTH];
        new SecureRandom().nextBytes(key);
        byte[] text = (MasterKey.of(key).base64() + "\n").getBytes(StandardCharsets.US_ASCII);
        Path parent = file.toAbsolutePath().getParent();
        Path temporary = null;
        try {
            if (parent != null && !Files.isDirectory(parent)) {
                DataDirectory.create(parent);
            }
            temporary = ownerOnlyTemporary(parent == null ? Path.of(".") : parent);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(text));
                channel.force(true);
            }
            try {
                Files.createLink(file, temporary);
            } catch (UnsupportedOperationException noHardLinks) {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (FileAlreadyExistsException e) {
            return; // another node or process created it first; read theirs
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the master key file " + file, e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // a temporary file of a key that is either in place now or was never used
                }
            }
        }
        log.warn("Created a new master key file {} (owner read/write only). Back it up or set HORIZON_MASTER_KEY: "
                + "sealed credentials cannot be opened without it.", file.toAbsolutePath().normalize());
    }

    private static Path ownerOnlyTemporary(Path directory) throws IOException {
        try {
            return Files.createTempFile(directory, ".master.key-", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException noPosix) {
            Path temporary = Files.createTempFile(directory, ".master.key-", ".tmp");
            var f = temporary.toFile();
            f.setReadable(false, false);
            f.setWritable(false, false);
            f.setReadable(true, true);
            f.setWritable(true, true);
            return temporary;
        }
    }
}
