package horizon.mirror;

import static horizon.mirror.MirrorRecords.company;
import static horizon.mirror.MirrorRecords.contact;
import static horizon.mirror.MirrorRecords.minutes;
import static horizon.mirror.MirrorRecords.note;
import static horizon.mirror.MirrorRecords.ticket;
import static horizon.mirror.MirrorRecords.timeEntry;
import static horizon.mirror.MirrorRecords.user;
import static org.assertj.core.api.Assertions.assertThat;

import horizon.helpdesk.HelpdeskCompany;
import horizon.helpdesk.HelpdeskContact;
import horizon.helpdesk.HelpdeskNote;
import horizon.helpdesk.HelpdeskRecord;
import horizon.helpdesk.HelpdeskTicket;
import horizon.helpdesk.HelpdeskTimeEntry;
import horizon.helpdesk.HelpdeskUser;
import horizon.testsupport.HorizonTest;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The mirror's read side on one store; subclassed once per store (H2, PostgreSQL). */
abstract class MirrorQueriesCases extends HorizonTest {

    @Autowired
    MirrorWriter writer;

    @Autowired
    MirrorQueries queries;

    long account;

    @BeforeEach
    void newAccount() {
        account = fixtures().account("Mirror reads").id();
    }

    /** Seven tickets: ids 1–7, status "1" for odd ids and "5" for even, queue 100 or 200, assignee 30001 or 30002. */
    private List<HelpdeskTicket> sevenTickets() {
        List<HelpdeskTicket> tickets = java.util.stream.LongStream.rangeClosed(1, 7)
                .mapToObj(id -> ticket(id, id % 2 == 1 ? "1" : "5", id <= 4 ? 100L : 200L, id % 3 == 0 ? 30002L : 30001L,
                        minutes(id)))
                .toList();
        writer.upsert(account, MirroredEntity.TICKETS, tickets);
        return tickets;
    }

    @Test
    void pagesTicketsByIdWithAKeyset() {
        sevenTickets();

        MirrorPage<HelpdeskTicket> first = queries.tickets(account, TicketFilter.firstPage(3));
        MirrorPage<HelpdeskTicket> second = queries.tickets(account, TicketFilter.firstPage(3)
                .after(first.nextAfterExternalId()));
        MirrorPage<HelpdeskTicket> last = queries.tickets(account, TicketFilter.firstPage(3)
                .after(second.nextAfterExternalId()));

        assertThat(ids(first.items())).containsExactly(1L, 2L, 3L);
        assertThat(first.hasMore()).isTrue();
        assertThat(ids(second.items())).containsExactly(4L, 5L, 6L);
        assertThat(ids(last.items())).containsExactly(7L);
        assertThat(last.hasMore()).isFalse();
        assertThat(last.nextAfterExternalId()).isNull();
    }

    @Test
    void filtersTicketsByStatusQueueAssigneeAndUpdatedSince() {
        sevenTickets();
        TicketFilter all = TicketFilter.firstPage(100);

        assertThat(ids(queries.tickets(account, all.withStatuses(Set.of("5"))).items())).containsExactly(2L, 4L, 6L);
        assertThat(ids(queries.tickets(account, all.withStatuses(Set.of("1", "5"))).items())).hasSize(7);
        assertThat(ids(queries.tickets(account, all.withQueue(200L)).items())).containsExactly(5L, 6L, 7L);
        assertThat(ids(queries.tickets(account, all.withAssignee(30002L)).items())).containsExactly(3L, 6L);
        assertThat(ids(queries.tickets(account, all.withUpdatedSince(minutes(6))).items())).containsExactly(6L, 7L);
        assertThat(ids(queries.tickets(account, all.withStatuses(Set.of("1")).withQueue(100L).withAssignee(30001L))
                .items())).containsExactly(1L);
    }

    @Test
    void listsMostRecentlyActiveFirstWithOffsets() {
        sevenTickets();
        writer.markDeleted(account, MirroredEntity.TICKETS, List.of(7L), minutes(30));
        TicketFilter recent = TicketFilter.firstPage(4).ordered(TicketFilter.Order.RECENT_ACTIVITY);

        MirrorPage<HelpdeskTicket> first = queries.tickets(account, recent);
        MirrorPage<HelpdeskTicket> second = queries.tickets(account, recent.withOffset(4));

        assertThat(ids(first.items())).containsExactly(6L, 5L, 4L, 3L);
        assertThat(first.hasMore()).isTrue();
        assertThat(ids(second.items())).containsExactly(2L, 1L);
        assertThat(second.hasMore()).isFalse();
    }

    @Test
    void showsOneTicketWithItsLiveNotesAndTimeEntries() {
        List<HelpdeskTicket> tickets = sevenTickets();
        HelpdeskNote later = note(12, 3, minutes(20));
        HelpdeskNote earlier = note(11, 3, minutes(10));
        writer.upsert(account, MirroredEntity.TICKET_NOTES, List.of(later, earlier, note(13, 3, minutes(15)),
                note(41, 4, minutes(1))));
        writer.markDeleted(account, MirroredEntity.TICKET_NOTES, List.of(13L), minutes(25));
        HelpdeskTimeEntry monday = timeEntry(31, 3, LocalDate.of(2026, 11, 16), "0.75");
        HelpdeskTimeEntry tuesday = timeEntry(32, 3, LocalDate.of(2026, 11, 17), "2");
        writer.upsert(account, MirroredEntity.TIME_ENTRIES, List.of(tuesday, monday));

        TicketDetail detail = queries.ticketDetail(account, 3).orElseThrow();

        assertThat(detail.ticket()).isEqualTo(tickets.get(2));
        assertThat(detail.notes()).containsExactly(earlier, later);
        assertThat(detail.timeEntries()).containsExactly(monday, tuesday);
        assertThat(queries.ticketByNumber(account, "T20261120.0003")).contains(tickets.get(2));
        assertThat(queries.ticketDetail(account, 99)).isEmpty();
    }

    @Test
    void findsCompaniesByNameAndContactsByCompany() {
        HelpdeskCompany acme = company(501, "Acme Dental", minutes(1));
        HelpdeskCompany percent = company(502, "100% Uptime_Ltd", minutes(1));
        HelpdeskCompany beta = company(503, "Beta Logistics", minutes(1));
        writer.upsert(account, MirroredEntity.COMPANIES, List.of(acme, percent, beta));
        HelpdeskContact ann = contact(701, 501, "Ann", "Lee", minutes(1));
        HelpdeskContact bo = contact(702, 503, "Bo", "Chan", minutes(1));
        HelpdeskContact cy = contact(703, 501, "Cy", "Diaz", minutes(1));
        writer.upsert(account, MirroredEntity.CONTACTS, List.of(ann, bo, cy));

        assertThat(queries.companies(account, "DENTAL", null, 10).items()).containsExactly(acme);
        assertThat(queries.companies(account, "0% up", null, 10).items()).containsExactly(percent);
        assertThat(queries.companies(account, "_", null, 10).items()).containsExactly(percent);
        assertThat(queries.companies(account, null, 501L, 1).items()).containsExactly(percent);
        assertThat(queries.contacts(account, 501L, null, 10).items()).containsExactly(ann, cy);
        assertThat(queries.contacts(account, null, 701L, 10).items()).containsExactly(bo, cy);
        assertThat(queries.find(account, MirroredEntity.CONTACTS, 702)).contains(bo);
    }

    @Test
    void listsHelpdeskUsersWithTheirRoles() {
        HelpdeskUser zed = user(30003, "Zed", "Young", true, List.of(new HelpdeskUser.Role(1, 100L, true),
                new HelpdeskUser.Role(2, null, false)));
        HelpdeskUser amy = user(30001, "Amy", "Adams", true, List.of(new HelpdeskUser.Role(1, 200L, true)));
        HelpdeskUser old = user(30002, "Old", "Timer", false, List.of());
        writer.upsert(account, MirroredEntity.HELPDESK_USERS, List.of(zed, amy, old));

        assertThat(queries.helpdeskUsers(account, false)).containsExactly(amy, old, zed);
        assertThat(queries.helpdeskUsers(account, true)).containsExactly(amy, zed);
        assertThat(queries.find(account, MirroredEntity.HELPDESK_USERS, 30003).orElseThrow().roles())
                .containsExactly(new HelpdeskUser.Role(1, 100L, true), new HelpdeskUser.Role(2, null, false));
    }

    @Test
    void countsEveryEntityAndLoadsAllLiveRecords() {
        List<HelpdeskTicket> tickets = sevenTickets();
        writer.upsert(account, MirroredEntity.TICKET_NOTES, List.of(note(11, 1, minutes(1)), note(21, 2, minutes(1))));
        writer.markDeleted(account, MirroredEntity.TICKETS, List.of(2L), minutes(9));
        writer.putPicklist(account, "Tickets", "priority", List.of(
                new horizon.helpdesk.PicklistValue("Tickets", "priority", "1", "High", true, false, 1, null),
                new horizon.helpdesk.PicklistValue("Tickets", "priority", "2", "Medium", true, true, 2, null)));

        assertThat(queries.counts(account)).containsExactly(
                new EntityCount("helpdesk_users", 0, 0),
                new EntityCount("companies", 0, 0),
                new EntityCount("contacts", 0, 0),
                new EntityCount("tickets", 6, 1),
                new EntityCount("ticket_notes", 1, 1),
                new EntityCount("time_entries", 0, 0),
                new EntityCount("picklist_values", 2, 0));
        assertThat(queries.loadAll(account, MirroredEntity.TICKETS))
                .containsExactlyElementsOf(tickets.stream().filter(t -> t.externalId() != 2).toList());
        assertThat(queries.liveExternalIds(account, MirroredEntity.TICKETS)).containsExactly(1L, 3L, 4L, 5L, 6L, 7L);
        assertThat(queries.picklist(account, "Tickets", "priority")).extracting(v -> v.label())
                .containsExactly("High", "Medium");
    }

    @Test
    void summarisesTicketsByIdWithTombstonesInBatches() {
        sevenTickets();
        writer.markDeleted(account, MirroredEntity.TICKETS, List.of(2L), minutes(30));
        long other = fixtures().account("Other mirror reads").id();
        writer.upsert(other, MirroredEntity.TICKETS, List.of(ticket(8, "1", minutes(1))));

        Map<Long, TicketSummary> found = queries.ticketSummaries(account, List.of(1L, 2L, 8L, 99L, 1L));
        assertThat(found).containsOnlyKeys(1L, 2L);
        assertThat(found.get(1L)).isEqualTo(new TicketSummary(1, "T20261120.0001", "Printer down #1", null, null));
        assertThat(found.get(2L).deletedAt()).isEqualTo(minutes(30));
        // More ids than one query takes: read in batches of 500.
        assertThat(queries.ticketSummaries(account, LongStream.rangeClosed(1, 1200).boxed().toList()))
                .containsOnlyKeys(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(queries.ticketSummaries(account, List.of())).isEmpty();
    }

    private static List<Long> ids(List<? extends HelpdeskRecord> records) {
        return records.stream().map(HelpdeskRecord::externalId).toList();
    }
}
