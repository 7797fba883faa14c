package horizon.secret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The master key kept in a file next to the data when HORIZON_MASTER_KEY is not set; created on first start. */
final class MasterKeyFile {

    private static final Logger log = LoggerFactory.getLogger(MasterKeyFile.class);

    private MasterKeyFile() {
    }

    static MasterKey loadOrCreate(Path file) {
        if (!Files.exists(file)) {
            create(file);
        }
        try {
            return MasterKey.fromBase64(Files.readString(file, StandardCharsets.US_ASCII), "Key file " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the master key file " + file, e);
        }
    }

    private static void create(Path file) {
        byte[] key = new byte[MasterKey.LENGTH];
        new SecureRandom().nextBytes(key);
        String text = MasterKey.of(key).base64() + "\n";
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            // Created with owner-only permissions from the start, so the key is never readable by others, not even briefly.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, text, StandardCharsets.US_ASCII);
        } catch (FileAlreadyExistsException e) {
            return; // another node or process created it first; read theirs
        } catch (UnsupportedOperationException e) {
            writeWithoutPosix(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the master key file " + file, e);
        }
        log.warn("Created a new master key file {} (owner read/write only). Back it up or set HORIZON_MASTER_KEY: "
                + "sealed credentials cannot be opened without it.", file.toAbsolutePath().normalize());
    }

    private static void writeWithoutPosix(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.US_ASCII);
            var f = file.toFile();
            f.setReadable(false, false);
            f.setWritable(false, false);
            f.setReadable(true, true);
            f.setWritable(true, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the master key file " + file, e);
        }
    }
}
