package horizon.sync;

import horizon.testsupport.EmbeddedPostgresStore;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Sync run retention on PostgreSQL 15. */
@DirtiesContext
class SyncRunRetentionPostgresTest extends SyncRunRetentionCases {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgresStore.register(registry);
    }
}
