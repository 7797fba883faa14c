package horizon.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class MasterKeyFileTest {

    @TempDir
    Path dir;

    @Test
    void firstStartCreatesAnOwnerOnlyKeyFileAndWarnsOnceWithoutTheKey(CapturedOutput output) throws Exception {
        Path file = dir.resolve("nested/master.key");

        MasterKey created = MasterKeyFile.loadOrCreate(file);

        assertThat(Files.getPosixFilePermissions(file))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        String text = Files.readString(file).strip();
        assertThat(Base64.getDecoder().decode(text)).hasSize(32);
        assertThat(output.getOut()).contains("WARN").contains("Created a new master key file").doesNotContain(text);

        MasterKey again = MasterKeyFile.loadOrCreate(file);
        assertThat(again.id()).isEqualTo(created.id());
        assertThat(output.getOut().split("Created a new master key file", -1)).hasSize(2);
    }

    @Test
    void anExistingKeyFileIsReadNotReplaced() throws Exception {
        Path file = dir.resolve("master.key");
        Files.writeString(file, "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=\n");

        assertThat(MasterKeyFile.loadOrCreate(file).id()).isEqualTo("ae216c2e");
        assertThat(Files.readString(file)).isEqualTo("AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=\n");
    }

    @Test
    void sealedTextSurvivesARestartWithTheSameKeyFile() {
        Path file = dir.resolve("master.key");
        String envelope = new SecretBox(MasterKeyFile.loadOrCreate(file)).seal("api secret");
        assertThat(new SecretBox(MasterKeyFile.loadOrCreate(file)).open(envelope)).isEqualTo("api secret");
    }
}
