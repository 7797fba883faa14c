package horizon.account;

import horizon.testsupport.EmbeddedPostgresStore;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The account store on a real PostgreSQL 15. */
@DirtiesContext
class AccountStorePostgresTest extends AccountStoreContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgresStore.register(registry);
    }
}
