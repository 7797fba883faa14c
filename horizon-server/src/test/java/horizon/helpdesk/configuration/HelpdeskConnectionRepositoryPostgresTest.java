package horizon.helpdesk.configuration;

import horizon.testsupport.EmbeddedPostgresStore;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The connection store on a real PostgreSQL 15. */
@DirtiesContext
class HelpdeskConnectionRepositoryPostgresTest extends HelpdeskConnectionRepositoryContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgresStore.register(registry);
    }
}
