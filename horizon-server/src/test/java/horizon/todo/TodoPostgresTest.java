package horizon.todo;

import horizon.testsupport.EmbeddedPostgresStore;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Todos on PostgreSQL 15 (V20 migration, its checks and the calendar's overlap query included). */
@DirtiesContext
class TodoPostgresTest extends TodoCases {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgresStore.register(registry);
    }
}
