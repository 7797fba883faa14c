package horizon.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class DataDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void aMissingDataFolderIsCreatedForItsOwnerAlone() throws Exception {
        Path data = dir.resolve("horizon/data");
        assertThat(DataDirectory.prepare(data)).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
    }

    @Test
    void anExistingFolderOpenToOthersIsLeftAsItIsWithAWarningThatSaysHowToCloseIt(CapturedOutput output)
            throws Exception {
        Path data = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(DataDirectory.prepare(data)).isFalse();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwxr-xr-x");
        assertThat(output.getOut()).contains("WARN", "open to other users", "chmod 700 " + data.toAbsolutePath());

        Path closed = Files.createDirectory(dir.resolve("closed"));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        DataDirectory.prepare(closed);
        assertThat(output.getOut().split("open to other users", -1)).hasSize(2);
    }
}
