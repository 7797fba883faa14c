package horizon.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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

        MasterKey created = MasterKeyFile.loadOrCreate(file).get(0);

        assertThat(Files.getPosixFilePermissions(file))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        String text = Files.readString(file).strip();
        assertThat(Base64.getDecoder().decode(text)).hasSize(32);
        assertThat(output.getOut()).contains("WARN").contains("Created a new master key file").doesNotContain(text);

        MasterKey again = MasterKeyFile.loadOrCreate(file).get(0);
        assertThat(again.id()).isEqualTo(created.id());
        assertThat(output.getOut().split("Created a new master key file", -1)).hasSize(2);
    }

    @Test
    void anExistingKeyFileIsReadNotReplaced() throws Exception {
        Path file = dir.resolve("master.key");
        Files.writeString(file, "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=\n");

        assertThat(MasterKeyFile.loadOrCreate(file)).extracting(MasterKey::id).containsExactly("ae216c2e");
        assertThat(Files.readString(file)).isEqualTo("AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=\n");
    }

    @Test
    void aKeyFileMayHoldOlderKeysAfterTheSealingOne() throws Exception {
        Path file = dir.resolve("master.key");
        Files.writeString(file, "# the first key seals, the others only open\n"
                + "ISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+P0A=\n\nAQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=\n");

        assertThat(MasterKeyFile.loadOrCreate(file)).extracting(MasterKey::id).containsExactly("7eee5800", "ae216c2e");
    }

    @Test
    void aKeyFileWithABadLineNamesTheLine() throws Exception {
        Path file = dir.resolve("master.key");
        Files.writeString(file, "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=\nc2hvcnQ=\n");

        assertThatThrownBy(() -> MasterKeyFile.loadOrCreate(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("line 2").hasMessageNotContaining("c2hvcnQ=");
    }

    @Test
    void sealedTextSurvivesARestartWithTheSameKeyFile() {
        Path file = dir.resolve("master.key");
        String envelope = new SecretBox(MasterKeyFile.loadOrCreate(file).get(0)).seal("api secret");
        assertThat(new SecretBox(MasterKeyFile.loadOrCreate(file).get(0)).open(envelope)).isEqualTo("api secret");
    }

    @Test
    void nodesStartingTogetherAllReadTheOneWholeKey() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 100; round++) {
                Path file = dir.resolve("race-" + round).resolve("master.key");
                CyclicBarrier together = new CyclicBarrier(4);
                List<Future<String>> ids = new ArrayList<>();
                for (int node = 0; node < 4; node++) {
                    ids.add(pool.submit(() -> {
                        together.await();
                        return MasterKeyFile.loadOrCreate(file).get(0).id();
                    }));
                }
                Set<String> seen = new HashSet<>();
                for (Future<String> id : ids) {
                    seen.add(id.get(10, TimeUnit.SECONDS));
                }
                assertThat(seen).as("round %d", round).hasSize(1);
                try (Stream<Path> files = Files.list(file.getParent())) {
                    assertThat(files.map(p -> p.getFileName().toString())).containsExactly("master.key");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theFoldersItCreatesAreTheOwnersAlone() throws Exception {
        Path file = dir.resolve("fresh/deeper/master.key");
        MasterKeyFile.loadOrCreate(file);
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rwx------");
        assertThat(Files.getPosixFilePermissions(file.getParent())).isEqualTo(ownerOnly);
        assertThat(Files.getPosixFilePermissions(dir.resolve("fresh"))).isEqualTo(ownerOnly);
    }
}
