package horizon.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Where the node's master keys come from, and when a key file may be created. */
class SecretConfigurationTest {

    private static final String OLD = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";   // ae216c2e
    private static final String NEW = "ISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+P0A=";   // 7eee5800
    private static final String OTHER = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVpbXF1eX2A="; // ce55a9a1
    private static final String H2 = "jdbc:h2:file:./data/horizon;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
    private static final String POSTGRES = "jdbc:postgresql://db.internal:5432/horizon?password=hunter2";

    @TempDir
    Path dir;

    @Test
    void onASharedDatabaseNoKeyFileIsCreatedAndStartUpSaysWhatToSet() {
        Path keyFile = dir.resolve("master.key");

        assertThatThrownBy(() -> SecretConfiguration.ring("", "", keyFile, POSTGRES))
                .isInstanceOf(MasterKeyProblem.class)
                .hasMessageContaining("HORIZON_MASTER_KEY")
                .hasMessageContaining("openssl rand -base64 32")
                .hasMessageContaining("on every node (the same value everywhere)")
                .hasMessageContaining("jdbc:postgresql")
                .hasMessageContaining(keyFile.toString())
                .hasMessageNotContaining("hunter2")
                .hasMessageNotContaining("db.internal");
        assertThat(keyFile).doesNotExist();
    }

    @Test
    void startUpReportsAMissingKeyAsAFailureToStartWithWhatToDo() {
        var refused = new MasterKeyProblem(SecretConfiguration.noKeyForSharedStore(dir.resolve("master.key"), POSTGRES));
        FailureAnalysis analysis = new MasterKeyFailureAnalyzer().analyze(
                new BeanCreationException("masterKeyRing", "Failed to instantiate", refused));

        assertThat(analysis.getDescription()).isEqualTo(refused.getMessage());
        assertThat(analysis.getAction()).contains("HORIZON_MASTER_KEY", "openssl rand -base64 32", "every node");
    }

    @Test
    void onASharedDatabaseAnExistingKeyFileKeepsWorking() throws Exception {
        Path keyFile = dir.resolve("master.key");
        Files.writeString(keyFile, OLD + "\n");

        assertThat(SecretConfiguration.ring("", "", keyFile, POSTGRES).ids()).containsExactly("ae216c2e");
    }

    @Test
    void theEmbeddedStoreStillGetsAKeyFileOnFirstStart() {
        Path keyFile = dir.resolve("data/master.key");

        MasterKeyRing ring = SecretConfiguration.ring("", "", keyFile, H2);

        assertThat(keyFile).exists();
        assertThat(SecretConfiguration.ring("", "", keyFile, H2).ids()).isEqualTo(ring.ids()).hasSize(1);
    }

    @Test
    void aConfiguredKeySealsOnAnyDatabaseWithoutAFile() {
        Path keyFile = dir.resolve("master.key");

        assertThat(SecretConfiguration.ring(NEW, "", keyFile, POSTGRES).ids()).containsExactly("7eee5800");
        assertThat(keyFile).doesNotExist();
    }

    @Test
    void previousKeysOnlyOpen() {
        MasterKeyRing ring = SecretConfiguration.ring(NEW, " " + OLD + " , " + OTHER + ",", dir.resolve("none"),
                POSTGRES);
        assertThat(ring.sealing().id()).isEqualTo("7eee5800");
        assertThat(ring.ids()).containsExactly("7eee5800", "ae216c2e", "ce55a9a1");
    }

    @Test
    void aKeyFilesFirstLineSealsAndItsOtherLinesOpenBeforeThePreviousKeys() throws Exception {
        Path keyFile = dir.resolve("master.key");
        Files.writeString(keyFile, "# rotated on 2026-12-01\n" + NEW + "\n\n" + OLD + "\n");

        assertThat(SecretConfiguration.ring("", OTHER, keyFile, H2).ids())
                .containsExactly("7eee5800", "ae216c2e", "ce55a9a1");
    }

    @Test
    void aBadPreviousKeyIsNamedButNeverShown() {
        assertThatThrownBy(() -> SecretConfiguration.ring(NEW, OLD + ",c2hvcnQ=", dir.resolve("none"), H2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("HORIZON_PREVIOUS_MASTER_KEYS").hasMessageContaining("key 2")
                .hasMessageNotContaining("c2hvcnQ=");
    }

    @Test
    void onlyAnH2UrlOrNoneIsTheEmbeddedStore() {
        assertThat(SecretConfiguration.embeddedStore(H2)).isTrue();
        assertThat(SecretConfiguration.embeddedStore("jdbc:h2:mem:horizon")).isTrue();
        assertThat(SecretConfiguration.embeddedStore("")).isTrue();
        assertThat(SecretConfiguration.embeddedStore(POSTGRES)).isFalse();
    }
}
