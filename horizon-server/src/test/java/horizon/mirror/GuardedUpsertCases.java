package horizon.mirror;

import static horizon.mirror.MirrorRecords.T0;
import static horizon.mirror.MirrorRecords.minutes;
import static horizon.mirror.MirrorRecords.note;
import static horizon.mirror.MirrorRecords.retitled;
import static horizon.mirror.MirrorRecords.ticket;
import static horizon.mirror.MirrorRecords.timeEntry;
import static horizon.mirror.MirrorRecords.user;
import static org.assertj.core.api.Assertions.assertThat;

import horizon.helpdesk.HelpdeskTicket;
import horizon.helpdesk.HelpdeskUser;
import horizon.helpdesk.PicklistValue;
import horizon.testsupport.HorizonTest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The guarded upsert's outcomes on one store; subclassed once per store (H2, PostgreSQL). */
abstract class GuardedUpsertCases extends HorizonTest {

    @Autowired
    MirrorWriter writer;

    @Autowired
    MirrorQueries queries;

    @Autowired
    Clock clock;

    long account;

    @BeforeEach
    void newAccount() {
        account = fixtures().account("Mirror").id();
    }

    @Test
    void insertsThenCountsAnIdenticalRefetchAsUnchanged() {
        List<HelpdeskTicket> tickets = List.of(ticket(1, "1", minutes(1)), ticket(2, "5", minutes(2)),
                ticket(3, "8", minutes(3)));

        assertThat(writer.upsert(account, MirroredEntity.TICKETS, tickets))
                .isEqualTo(new MirrorWriteResult(3, 0, 0, 0, 0, 0, 0));
        assertThat(writer.upsert(account, MirroredEntity.TICKETS, tickets))
                .isEqualTo(new MirrorWriteResult(0, 0, 0, 3, 0, 0, 0));
        assertThat(queries.loadAll(account, MirroredEntity.TICKETS)).containsExactlyElementsOf(tickets);
    }

    @Test
    void updatesNewerSkipsOlderAndLeavesTheSameAlone() {
        writer.upsert(account, MirroredEntity.TICKETS, List.of(ticket(1, "1", minutes(10)),
                ticket(2, "1", minutes(10)), ticket(3, "1", minutes(10))));

        HelpdeskTicket newer = retitled(ticket(1, "1", minutes(10)), "Printer fixed", minutes(11));
        HelpdeskTicket older = retitled(ticket(2, "1", minutes(10)), "An old copy", minutes(9));
        HelpdeskTicket sameTime = retitled(ticket(3, "1", minutes(10)), "Same second, new text", minutes(10));
        MirrorWriteResult result = writer.upsert(account, MirroredEntity.TICKETS,
                List.of(newer, older, sameTime, ticket(4, "1", minutes(1))));

        assertThat(result).isEqualTo(new MirrorWriteResult(1, 2, 0, 0, 1, 0, 0));
        assertThat(queries.loadAll(account, MirroredEntity.TICKETS))
                .extracting(HelpdeskTicket::title)
                .containsExactly("Printer fixed", "Printer down #2", "Same second, new text", "Printer down #4");
    }

    /**
     * ConnectWise stamps a ticket to the second, so an assignment and a status change written within one second carry
     * the same timestamp. A read sent before the second version was stored (a webhook's fetch still under way) must not
     * put the first back; a read sent after it was stored may bring a third change of that same second.
     */
    @Test
    void onAnEqualTimestampTheLaterObservationWins() {
        Instant second = minutes(30).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        HelpdeskTicket assigned = retitled(ticket(5, "1", second), "Assigned", second);
        HelpdeskTicket statusChanged = retitled(ticket(5, "8", second), "Assigned", second);
        HelpdeskTicket retitledToo = retitled(ticket(5, "8", second), "Assigned and retitled", second);
        Instant staleReadSent = clock.instant();
        writer.upsert(account, MirroredEntity.TICKETS, List.of(assigned), staleReadSent);

        Instant statusWriteSent = clock.instant();
        assertThat(writer.upsert(account, MirroredEntity.TICKETS, List.of(statusChanged), statusWriteSent))
                .as("the status write's answer, sent after the assignment was stored")
                .isEqualTo(new MirrorWriteResult(0, 1, 0, 0, 0, 0, 0));

        assertThat(writer.upsert(account, MirroredEntity.TICKETS, List.of(assigned), staleReadSent))
                .as("a read of the first version, sent before the second was stored, answering late")
                .isEqualTo(new MirrorWriteResult(0, 0, 0, 0, 1, 0, 0));
        assertThat(queries.find(account, MirroredEntity.TICKETS, 5)).contains(statusChanged);

        assertThat(writer.upsert(account, MirroredEntity.TICKETS, List.of(retitledToo), clock.instant()))
                .as("a read sent after the second version was stored, holding a third change of the same second")
                .isEqualTo(new MirrorWriteResult(0, 1, 0, 0, 0, 0, 0));
        assertThat(queries.find(account, MirroredEntity.TICKETS, 5)).contains(retitledToo);
    }

    @Test
    void keepsTheNewestOfDuplicatesInOneBatch() {
        HelpdeskTicket first = retitled(ticket(7, "1", minutes(1)), "first", minutes(1));
        HelpdeskTicket newest = retitled(ticket(7, "1", minutes(3)), "newest", minutes(3));
        HelpdeskTicket middle = retitled(ticket(7, "1", minutes(2)), "middle", minutes(2));

        MirrorWriteResult result = writer.upsert(account, MirroredEntity.TICKETS, List.of(first, newest, middle));

        assertThat(result).isEqualTo(new MirrorWriteResult(1, 0, 0, 0, 2, 0, 0));
        assertThat(queries.find(account, MirroredEntity.TICKETS, 7)).contains(newest);
    }

    @Test
    void tombstonesATicketWithItsNotesAndTimeEntries() {
        writer.upsert(account, MirroredEntity.TICKETS, List.of(ticket(1, "1", minutes(1)), ticket(2, "1", minutes(1))));
        writer.upsert(account, MirroredEntity.TICKET_NOTES, List.of(note(11, 1, minutes(2)), note(12, 1, minutes(3)),
                note(21, 2, minutes(2))));
        writer.upsert(account, MirroredEntity.TIME_ENTRIES, List.of(timeEntry(31, 1, LocalDate.of(2026, 11, 20), "1.5"),
                timeEntry(32, 2, LocalDate.of(2026, 11, 20), "0.25")));

        MirrorWriteResult result = writer.markDeleted(account, MirroredEntity.TICKETS, List.of(1L, 99L), minutes(5));

        assertThat(result).isEqualTo(new MirrorWriteResult(0, 0, 0, 1, 0, 1, 3));
        assertThat(queries.ticketDetail(account, 1)).isEmpty();
        assertThat(queries.notes(account, 1)).isEmpty();
        assertThat(queries.timeEntries(account, 1)).isEmpty();
        assertThat(queries.ticketDetail(account, 2)).hasValueSatisfying(detail -> {
            assertThat(detail.notes()).extracting(n -> n.externalId()).containsExactly(21L);
            assertThat(detail.timeEntries()).extracting(e -> e.externalId()).containsExactly(32L);
        });
        assertThat(queries.count(account, MirroredEntity.TICKETS)).isEqualTo(new EntityCount("tickets", 1, 1));
        assertThat(queries.count(account, MirroredEntity.TICKET_NOTES)).isEqualTo(new EntityCount("ticket_notes", 1, 2));
        assertThat(queries.count(account, MirroredEntity.TIME_ENTRIES)).isEqualTo(new EntityCount("time_entries", 1, 1));

        assertThat(writer.markDeleted(account, MirroredEntity.TICKETS, List.of(1L), minutes(6)))
                .isEqualTo(new MirrorWriteResult(0, 0, 0, 1, 0, 0, 0));
    }

    @Test
    void refusesADeletionOlderThanTheStoredRecord() {
        writer.upsert(account, MirroredEntity.TICKETS, List.of(ticket(1, "1", minutes(10))));

        assertThat(writer.markDeleted(account, MirroredEntity.TICKETS, List.of(1L), minutes(9)))
                .isEqualTo(new MirrorWriteResult(0, 0, 0, 0, 1, 0, 0));
        assertThat(queries.find(account, MirroredEntity.TICKETS, 1)).isPresent();
    }

    @Test
    void revivesATombstoneOnlyForACopyNewerThanTheDeletion() {
        writer.upsert(account, MirroredEntity.TICKETS, List.of(ticket(1, "1", minutes(1))));
        writer.upsert(account, MirroredEntity.TICKET_NOTES, List.of(note(11, 1, minutes(1)), note(12, 1, minutes(1))));
        writer.markDeleted(account, MirroredEntity.TICKET_NOTES, List.of(12L), minutes(2));
        writer.markDeleted(account, MirroredEntity.TICKETS, List.of(1L), minutes(5));

        assertThat(writer.upsert(account, MirroredEntity.TICKETS, List.of(ticket(1, "1", minutes(1)))))
                .as("the copy fetched before the deletion")
                .isEqualTo(new MirrorWriteResult(0, 0, 0, 0, 1, 0, 0));
        assertThat(writer.upsert(account, MirroredEntity.TICKETS, List.of(ticket(1, "1", minutes(5)))))
                .as("a copy stamped at the deletion time")
                .isEqualTo(new MirrorWriteResult(0, 0, 0, 0, 1, 0, 0));
        assertThat(queries.find(account, MirroredEntity.TICKETS, 1)).isEmpty();

        HelpdeskTicket restored = ticket(1, "1", minutes(6));
        assertThat(writer.upsert(account, MirroredEntity.TICKETS, List.of(restored)))
                .isEqualTo(new MirrorWriteResult(0, 0, 1, 0, 0, 0, 0));
        assertThat(queries.find(account, MirroredEntity.TICKETS, 1)).contains(restored);
        assertThat(queries.count(account, MirroredEntity.TICKETS)).isEqualTo(new EntityCount("tickets", 1, 0));
        assertThat(queries.notes(account, 1)).as("the note tombstoned with the ticket, not the one deleted before")
                .extracting(n -> n.externalId()).containsExactly(11L);
    }

    @Test
    void usersWithoutRemoteTimestampsUpdateOnContentAndReviveWhenListedAgain() {
        HelpdeskUser ann = user(30001, "Ann", "Archer", true, List.of(new HelpdeskUser.Role(29683354, 29682833L, true)));
        HelpdeskUser bob = user(30002, "Bob", "Baker", true, List.of());
        assertThat(writer.upsert(account, MirroredEntity.HELPDESK_USERS, List.of(ann, bob)))
                .isEqualTo(new MirrorWriteResult(2, 0, 0, 0, 0, 0, 0));

        HelpdeskUser annWithTwoRoles = user(30001, "Ann", "Archer", true, List.of(
                new HelpdeskUser.Role(29683354, 29682833L, true), new HelpdeskUser.Role(29683355, null, false)));
        assertThat(writer.upsert(account, MirroredEntity.HELPDESK_USERS, List.of(annWithTwoRoles, bob)))
                .isEqualTo(new MirrorWriteResult(0, 1, 0, 1, 0, 0, 0));
        assertThat(writer.markDeleted(account, MirroredEntity.HELPDESK_USERS, List.of(30002L), minutes(1)))
                .isEqualTo(new MirrorWriteResult(0, 0, 0, 0, 0, 1, 0));
        assertThat(queries.loadAll(account, MirroredEntity.HELPDESK_USERS)).containsExactly(annWithTwoRoles);

        assertThat(writer.upsert(account, MirroredEntity.HELPDESK_USERS, List.of(annWithTwoRoles, bob)))
                .isEqualTo(new MirrorWriteResult(0, 0, 1, 1, 0, 0, 0));
        assertThat(queries.loadAll(account, MirroredEntity.HELPDESK_USERS)).containsExactly(annWithTwoRoles, bob);
    }

    @Test
    void writesMoreThanOneBatch() {
        List<HelpdeskTicket> tickets = LongStream.rangeClosed(1, 1234).mapToObj(id -> ticket(id, "1", minutes(id)))
                .toList();

        assertThat(writer.upsert(account, MirroredEntity.TICKETS, tickets).inserted()).isEqualTo(1234);
        assertThat(writer.upsert(account, MirroredEntity.TICKETS, tickets).unchanged()).isEqualTo(1234);
        assertThat(queries.liveExternalIds(account, MirroredEntity.TICKETS)).hasSize(1234).startsWith(1L).endsWith(1234L);
    }

    @Test
    void concurrentWritersOfTheSameKeysLeaveOneRowPerKeyWithTheNewestTimestamp() throws Exception {
        int writers = 4;
        List<Long> ids = LongStream.rangeClosed(1, 600).boxed().toList();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<MirrorWriteResult>> results = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                Instant stamp = minutes(w);
                String title = "writer " + w;
                List<HelpdeskTicket> batch = ids.stream().map(id -> retitled(ticket(id, "1", stamp), title, stamp))
                        .toList();
                results.add(pool.submit(() -> {
                    start.await();
                    return writer.upsert(account, MirroredEntity.TICKETS, batch);
                }));
            }
            start.countDown();
            MirrorWriteResult total = MirrorWriteResult.NONE;
            for (Future<MirrorWriteResult> result : results) {
                total = total.plus(result.get());
            }

            assertThat(total.inserted()).as("every key inserted exactly once").isEqualTo(600);
            assertThat(total.inserted() + total.updated() + total.unchanged() + total.skippedStale())
                    .isEqualTo(writers * 600);
        } finally {
            pool.shutdownNow();
        }
        List<HelpdeskTicket> rows = queries.loadAll(account, MirroredEntity.TICKETS);
        assertThat(rows).hasSize(600);
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.remoteUpdatedAt()).isEqualTo(minutes(writers - 1));
            assertThat(row.title()).isEqualTo("writer " + (writers - 1));
        });
    }

    @Test
    void keepsAccountsApart() {
        long other = fixtures().account("Other MSP").id();
        writer.upsert(account, MirroredEntity.TICKETS, List.of(ticket(1, "1", minutes(1)), ticket(2, "1", minutes(1))));
        writer.upsert(account, MirroredEntity.TICKET_NOTES, List.of(note(11, 1, minutes(2))));

        assertThat(queries.loadAll(other, MirroredEntity.TICKETS)).isEmpty();
        assertThat(queries.find(other, MirroredEntity.TICKETS, 1)).isEmpty();
        assertThat(queries.ticketDetail(other, 1)).isEmpty();
        assertThat(queries.notes(other, 1)).isEmpty();
        assertThat(queries.tickets(other, TicketFilter.firstPage(10)).items()).isEmpty();
        assertThat(queries.counts(other)).allSatisfy(c -> assertThat(c.live() + c.tombstoned()).isZero());

        assertThat(writer.upsert(other, MirroredEntity.TICKETS, List.of(ticket(1, "5", minutes(9)))).inserted())
                .as("the same PSA id in another account is another row").isEqualTo(1);
        assertThat(writer.markDeleted(other, MirroredEntity.TICKETS, List.of(2L), minutes(9)).deleted()).isZero();
        assertThat(queries.loadAll(account, MirroredEntity.TICKETS)).extracting(HelpdeskTicket::status)
                .containsExactly("1", "1");
        assertThat(queries.notes(account, 1)).hasSize(1);
    }

    @Test
    void replacesAPicklistField() {
        PicklistValue newStatus = new PicklistValue("Tickets", "status", "1", "New", true, true, 0, null);
        PicklistValue complete = new PicklistValue("Tickets", "status", "5", "Complete", true, false, 1, null);
        PicklistValue waiting = new PicklistValue("Tickets", "status", "9", "Waiting Materials", false, false, 2, null);
        assertThat(writer.putPicklist(account, "Tickets", "status", List.of(newStatus, complete, waiting)))
                .isEqualTo(new MirrorWriteResult(3, 0, 0, 0, 0, 0, 0));
        assertThat(writer.putPicklist(account, "Tickets", "status", List.of(newStatus, complete, waiting)))
                .isEqualTo(new MirrorWriteResult(0, 0, 0, 3, 0, 0, 0));

        PicklistValue renamed = new PicklistValue("Tickets", "status", "5", "Done", true, false, 1, null);
        PicklistValue escalate = new PicklistValue("Tickets", "status", "11", "Escalate", true, false, 3, null);
        assertThat(writer.putPicklist(account, "Tickets", "status", List.of(newStatus, renamed, escalate)))
                .isEqualTo(new MirrorWriteResult(1, 1, 0, 1, 0, 1, 0));

        assertThat(queries.picklist(account, "Tickets", "status")).containsExactly(newStatus, renamed, escalate);
        assertThat(queries.picklists(account)).singleElement().satisfies(field -> {
            assertThat(field.values()).hasSize(3);
            assertThat(field.refreshedAt()).isAfter(T0);
        });
    }
}
