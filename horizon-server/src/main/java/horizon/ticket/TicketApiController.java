package horizon.ticket;

import horizon.account.CurrentUser;
import horizon.account.SignedInUser;
import horizon.helpdesk.HelpdeskTicket;
import horizon.helpdesk.HelpdeskUser;
import horizon.mapping.MappingHelpdeskUsers;
import horizon.mirror.MirrorPage;
import horizon.mirror.MirrorQueries;
import horizon.mirror.TicketDetail;
import horizon.mirror.TicketFilter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code /api/v1/tickets}: the account's mirrored tickets, filtered and paged, and one ticket with its thread. */
@RestController
@RequestMapping("/api/v1/tickets")
@Tag(name = "Tickets", description = "Tickets as mirrored from the PSA, with their notes and time entries")
class TicketApiController {

    private static final Logger log = LoggerFactory.getLogger(TicketApiController.class);

    private final MirrorQueries mirror;
    private final CurrentUser currentUser;
    private final JsonMapper json;
    private final MappingHelpdeskUsers mappings;

    TicketApiController(MirrorQueries mirror, CurrentUser currentUser, JsonMapper json,
                        MappingHelpdeskUsers mappings) {
        this.mappings = mappings;
        this.mirror = mirror;
        this.currentUser = currentUser;
        this.json = json;
    }

    @GetMapping
    @Operation(summary = "List tickets, by id, a page at a time",
            description = "Filters combine with AND. Follow `next` until it is null to walk every match.")
    @ApiResponse(responseCode = "200", description = "A page of tickets")
    @ApiResponse(responseCode = "400", description = "A parameter cannot be used",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    TicketJson.Page list(
            @RequestParam(required = false) @Parameter(description = "status code(s); repeat or comma-separate")
            List<String> status,
            @RequestParam(required = false) @Parameter(description = "queue id") Long queue,
            @RequestParam(required = false) @Parameter(description = "the primary resource's id") Long assignee,
            @RequestParam(required = false) @Parameter(description = "true: only tickets assigned to the helpdesk user "
                    + "the caller is mapped to") Boolean mine,
            @RequestParam(required = false) @Parameter(description = "true: only tickets without a primary resource")
            Boolean unassigned,
            @RequestParam(required = false) @Parameter(description = "a ticket number, or text the title contains")
            String q,
            @RequestParam(required = false)
            @Parameter(description = "ISO-8601 instant, e.g. 2026-11-24T08:00:00Z: only tickets with PSA activity "
                    + "at or after it") String updatedSince,
            @RequestParam(required = false) @Parameter(description = "page size, 1 to 500 (default 100)")
            Integer limit,
            @RequestParam(required = false) @Parameter(description = "from the previous page's next link")
            String cursor) {
        Paging paging = Paging.of(limit, cursor);
        Set<String> statuses = statuses(status);
        Instant since = instant("updatedSince", updatedSince);
        Long resource = assignee;
        if (Boolean.TRUE.equals(mine)) {
            SignedInUser user = currentUser.get();
            resource = mappings.helpdeskUserOf(user.accountId(), user.userId()).map(HelpdeskUser::externalId)
                    .orElseThrow(() -> new InvalidQuery("mine=true needs you to be mapped to a helpdesk user; an "
                            + "admin maps you on the Helpdesk User Mapping page"));
        }
        TicketFilter filter = TicketFilter.firstPage(paging.limit())
                .withStatuses(statuses)
                .withQueue(queue)
                .withAssignee(resource)
                .withSearch(q)
                .withUpdatedSince(since)
                .after(paging.after());
        if (Boolean.TRUE.equals(unassigned)) {
            filter = filter.onlyUnassigned();
        }
        MirrorPage<HelpdeskTicket> page = mirror.tickets(currentUser.accountId(), filter);
        UriComponentsBuilder next = UriComponentsBuilder.fromPath("/api/v1/tickets");
        statuses.forEach(s -> next.queryParam("status", s));
        if (queue != null) {
            next.queryParam("queue", queue);
        }
        if (assignee != null) {
            next.queryParam("assignee", assignee);
        }
        if (Boolean.TRUE.equals(mine)) {
            next.queryParam("mine", true);
        }
        if (Boolean.TRUE.equals(unassigned)) {
            next.queryParam("unassigned", true);
        }
        if (filter.search() != null) {
            next.queryParam("q", filter.search());
        }
        if (since != null) {
            next.queryParam("updatedSince", since.toString());
        }
        next.queryParam("limit", paging.limit());
        return new TicketJson.Page(page.items().stream().map(TicketJson.Summary::of).toList(),
                Paging.nextLink(next, page.nextAfterExternalId()));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One ticket with its notes (oldest first), time entries and the PSA's JSON")
    @ApiResponse(responseCode = "200", description = "The ticket",
            content = @Content(schema = @Schema(implementation = TicketJson.Detail.class)))
    @ApiResponse(responseCode = "404", description = "No such ticket in this account",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    ResponseEntity<?> one(@PathVariable @Parameter(description = "the PSA's ticket id") long id) {
        long accountId = currentUser.accountId();
        return mirror.ticketDetail(accountId, id)
                .<ResponseEntity<?>>map(detail -> ResponseEntity.ok(detail(accountId, detail)))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
                        .body(ApiError.notFound("No ticket " + id + " in this account")));
    }

    private TicketJson.Detail detail(long accountId, TicketDetail detail) {
        HelpdeskTicket ticket = detail.ticket();
        return TicketJson.Detail.of(ticket,
                detail.notes().stream().map(TicketJson.Note::of).toList(),
                detail.timeEntries().stream().map(TicketJson.TimeEntry::of).toList(),
                raw(accountId, ticket));
    }

    private JsonNode raw(long accountId, HelpdeskTicket ticket) {
        if (ticket.rawJson() == null) {
            return null;
        }
        try {
            return json.readTree(ticket.rawJson());
        } catch (JacksonException e) {
            // The adapter stores what the PSA sent; if that is not JSON the typed fields still answer the request.
            log.warn("account={} entity=tickets externalId={} raw JSON unreadable: {}", accountId,
                    ticket.externalId(), e.getOriginalMessage());
            return null;
        }
    }

    private static Set<String> statuses(List<String> status) {
        Set<String> codes = new LinkedHashSet<>();
        if (status != null) {
            status.stream().flatMap(s -> Arrays.stream(s.split(",")))
                    .map(String::strip).filter(s -> !s.isEmpty()).forEach(codes::add);
        }
        return codes;
    }

    static Instant instant(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidQuery(name + " must be an ISO-8601 date-time with offset, like 2026-11-24T08:00:00Z");
        }
    }
}
