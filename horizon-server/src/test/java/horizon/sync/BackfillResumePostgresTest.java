package horizon.sync;

import horizon.testsupport.EmbeddedPostgresStore;

/** Backfill resume on PostgreSQL 15: both nodes use one database of the embedded server. */
class BackfillResumePostgresTest extends BackfillResumeCases {

    private String url;

    @Override
    protected String databaseUrl() {
        if (url == null) {
            url = EmbeddedPostgresStore.freshDatabaseUrl();
        }
        return url;
    }

    @Override
    protected String databaseUser() {
        return "postgres";
    }
}
