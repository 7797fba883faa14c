package horizon.widget;

import horizon.testsupport.EmbeddedPostgresStore;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Helpdesk Widget Status on PostgreSQL 15. */
@DirtiesContext
class WidgetStatusPostgresTest extends WidgetStatusCases {

    private static final String DATABASE = EmbeddedPostgresStore.freshDatabaseUrl();

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("horizon.test.store-url", () -> DATABASE);
        registry.add("horizon.test.store-user", () -> "postgres");
        registry.add("horizon.test.store-password", () -> "");
    }
}
