package horizon.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.mirror.MirroredEntity;
import horizon.testsupport.EmbeddedPostgresStore;
import horizon.ticket.MirrorSeed;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The mapping rules on a real PostgreSQL 15 (V12 migration included), plus a smoke of the read API there. */
@DirtiesContext
class MappingPostgresTest extends MappingCases {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgresStore.register(registry);
    }

    @Test
    void readApiFiltersAndPagesOnPostgres() {
        writer.upsert(acme.id(), MirroredEntity.TICKETS, List.of(
                MirrorSeed.ticket(1, "one", "1", 10L, null, MirrorSeed.T0),
                MirrorSeed.ticket(2, "two", "5", 10L, 7L, MirrorSeed.T0.plusSeconds(60)),
                MirrorSeed.ticket(3, "three", "1", 20L, 7L, MirrorSeed.T0.plusSeconds(120))));
        String token = acme.agent().token();
        var page = JSON.readTree(apiGet("/api/v1/tickets?status=1,5&assignee=7&updatedSince="
                + MirrorSeed.T0.plusSeconds(30) + "&limit=1", token).body());
        assertThat(page.get("items").get(0).get("id").asLong()).isEqualTo(2);
        var next = JSON.readTree(apiGet(page.get("next").asString(), token).body());
        assertThat(next.get("items").get(0).get("id").asLong()).isEqualTo(3);
        assertThat(next.get("next").isNull()).isTrue();
        assertThat(apiGet("/api/v1/tickets/2", token).body()).contains("\"title\":\"two\"");
    }
}
