package horizon.sync;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Backfill resume on an H2 file database in a temporary directory, opened by one node after the other. */
class BackfillResumeH2Test extends BackfillResumeCases {

    @TempDir
    Path directory;

    @Override
    protected String databaseUrl() {
        return "jdbc:h2:file:" + directory.resolve("horizon").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    @Override
    protected String databaseUser() {
        return "sa";
    }
}
