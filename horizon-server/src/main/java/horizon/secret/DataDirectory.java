package horizon.secret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Horizon's data folder ({@code horizon.data-dir}): the master key file and the embedded database live there, so it is
 * the owner's alone. Made before any bean (the embedded database would otherwise create it readable by everyone);
 * an existing folder that others can read is left as the admin made it, with a warning that says how to close it.
 */
public final class DataDirectory implements BeanFactoryPostProcessor, EnvironmentAware {

    private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private Path folder;

    @Override
    public void setEnvironment(Environment environment) {
        folder = Path.of(environment.getProperty("horizon.data-dir", "./data"));
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        prepare(folder);
    }

    /** Creates the folder owner-only, or warns when an existing one is open to others; true when it was created. */
    static boolean prepare(Path folder) {
        if (!Files.isDirectory(folder)) {
            create(folder);
            return true;
        }
        try {
            Set<PosixFilePermission> open = EnumSet.noneOf(PosixFilePermission.class);
            open.addAll(Files.getPosixFilePermissions(folder));
            open.retainAll(OTHERS);
            if (!open.isEmpty()) {
                log.warn("The data folder {} is open to other users of this machine ({}); it holds the master key "
                        + "file and the embedded database. Close it with: chmod 700 {}",
                        folder.toAbsolutePath().normalize(), PosixFilePermissions.toString(
                                Files.getPosixFilePermissions(folder)), folder.toAbsolutePath().normalize());
            }
        } catch (UnsupportedOperationException | IOException notPosix) {
            // a file system without POSIX permissions: nothing to check
        }
        return false;
    }

    /** Creates {@code folder} (and missing parents) with owner-only permissions from the start. */
    static void create(Path folder) {
        try {
            Files.createDirectories(folder,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException notPosix) {
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the data folder " + folder, e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data folder " + folder, e);
        }
    }
}
