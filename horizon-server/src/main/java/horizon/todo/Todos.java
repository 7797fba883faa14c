package horizon.todo;

import horizon.account.HorizonUser;
import horizon.account.SignedInUser;
import horizon.account.UserRepository;
import horizon.mirror.MirrorQueries;
import horizon.mirror.TicketSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Scheduled todos: created on a mirrored ticket, changed on the version their author saw, and read per ticket or per
 * calendar window with the ticket's state in the PSA beside each. Any user of the account may plan work on its
 * tickets for any enabled user of the account; a calendar other than one's own is for admins.
 */
@Service
public class Todos {

    static final int MAX_TITLE = 200;
    static final int MAX_NOTES = 4000;
    /** The longest a todo may last; the table's check says the same. */
    static final Duration MAX_LENGTH = Duration.ofDays(14);
    /** The longest calendar window one request may read: six weeks, a month view with its edges. */
    static final Duration MAX_WINDOW = Duration.ofDays(42);

    private final TodoRepository repository;
    private final MirrorQueries mirror;
    private final UserRepository users;
    private final Clock clock;

    Todos(TodoRepository repository, MirrorQueries mirror, UserRepository users, Clock clock) {
        this.repository = repository;
        this.mirror = mirror;
        this.users = users;
        this.clock = clock;
    }

    /** Plans a todo on a ticket the mirror holds (not deleted in the PSA); for the agent unless someone is named. */
    public ScheduledTodo create(SignedInUser me, long ticketId, TodoDraft draft) {
        String title = title(draft.title());
        long assignee = assignee(me.accountId(), draft.assigneeUserId() == null ? me.userId()
                : draft.assigneeUserId());
        if (draft.start() == null || draft.end() == null) {
            throw new TodoRefused(TodoRefused.Reason.INVALID, draft.start() == null ? "start" : "end",
                    "Give the todo a start and an end.");
        }
        Instant start = second(draft.start());
        Instant end = second(draft.end());
        checkSpan(start, end);
        String notes = notes(draft.notes());
        TicketSummary ticket = mirror.ticketSummaries(me.accountId(), List.of(ticketId)).get(ticketId);
        if (ticket == null || ticket.deletedAt() != null) {
            throw new TodoRefused(TodoRefused.Reason.NOT_FOUND, "ticket", "Ticket " + ticketId + " is not in "
                    + "Horizon: it was never synced from the helpdesk, or it was deleted there.");
        }
        Todo todo = repository.insert(me.accountId(), ticketId, title, assignee, start, end, notes, me.userId(),
                now());
        return scheduled(me.accountId(), List.of(todo)).get(0);
    }

    /** The account's todo with this id. */
    public ScheduledTodo find(long accountId, long id) {
        return scheduled(accountId, List.of(stored(accountId, id))).get(0);
    }

    /**
     * The ticket's todos, earliest first; empty for a ticket without any. Empty too for a ticket the account's mirror
     * never held: {@link #knowsTicket} tells the two apart.
     */
    public List<ScheduledTodo> forTicket(long accountId, long ticketId) {
        return scheduled(accountId, repository.forTicket(accountId, ticketId));
    }

    /** Whether the account's mirror holds or held (tombstoned) this ticket. */
    public boolean knowsTicket(long accountId, long ticketId) {
        return mirror.ticketSummaries(accountId, List.of(ticketId)).containsKey(ticketId);
    }

    /**
     * Changes a todo made on {@code change.version()}; fields left null stay. A change that changes nothing is no
     * change: the todo keeps its version.
     */
    public ScheduledTodo change(SignedInUser me, long id, TodoChange change) {
        if (change.version() == null) {
            throw new TodoRefused(TodoRefused.Reason.INVALID, "version", "Send the version of the todo you changed "
                    + "(its \"version\" as you last read it), so that a change made meanwhile is not overwritten.");
        }
        Todo current = stored(me.accountId(), id);
        checkVersion(current, change.version());
        Todo changed = applied(me.accountId(), current, change);
        if (sameValues(current, changed)) {
            return find(me.accountId(), id);
        }
        if (!repository.update(changed, change.version(), now())) {
            checkVersion(stored(me.accountId(), id), change.version()); // throws: it changed or went just now
            throw new IllegalStateException("todo " + id + " was not updated at version " + change.version());
        }
        return find(me.accountId(), id);
    }

    /** Deletes a todo; with a version, only if it has not changed since. */
    public void delete(SignedInUser me, long id, Integer version) {
        Todo current = stored(me.accountId(), id);
        if (version != null) {
            checkVersion(current, version);
        }
        if (!repository.delete(me.accountId(), id, version)) {
            Todo now = stored(me.accountId(), id);
            checkVersion(now, version == null ? now.version() : version);
        }
    }

    /**
     * The todos overlapping {@code [from, to)}: the agent's own; a named user's (admins, or the agent naming
     * themselves); or, for {@code team}, every user of the account (admins), each with their todos, by name.
     */
    public List<AgentCalendar> calendar(SignedInUser me, Instant from, Instant to, Long userId, boolean team) {
        if (from == null || to == null) {
            throw new TodoRefused(TodoRefused.Reason.INVALID, from == null ? "from" : "to",
                    "Give the window as from and to, ISO-8601 instants such as 2026-11-16T00:00:00Z.");
        }
        if (!to.isAfter(from)) {
            throw new TodoRefused(TodoRefused.Reason.INVALID, "to", "to must be after from.");
        }
        if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            throw new TodoRefused(TodoRefused.Reason.INVALID, "to", "A calendar window is "
                    + MAX_WINDOW.toDays() + " days at most.");
        }
        if (team && userId != null) {
            throw new TodoRefused(TodoRefused.Reason.INVALID, "team", "Ask for one user or for the team, not both.");
        }
        if ((team || (userId != null && userId != me.userId())) && !me.isAdmin()) {
            throw new TodoRefused(TodoRefused.Reason.FORBIDDEN, team ? "Only admins see the team's calendar."
                    : "Only admins see another user's calendar; you see your own.");
        }
        Instant earliest = from.minus(MAX_LENGTH);
        Map<Long, HorizonUser> people = people(me.accountId());
        if (!team) {
            long whose = userId == null ? me.userId() : userId;
            HorizonUser user = people.get(whose);
            if (user == null) {
                throw new TodoRefused(TodoRefused.Reason.NOT_FOUND, "user", "No user " + whose + " in this account.");
            }
            List<Todo> todos = repository.overlapping(me.accountId(), whose, from, to, earliest);
            return List.of(new AgentCalendar(whose, user.displayName(), scheduled(me.accountId(), todos, people)));
        }
        Map<Long, List<ScheduledTodo>> byUser = new LinkedHashMap<>();
        people.values().stream().filter(HorizonUser::enabled).sorted(byName())
                .forEach(user -> byUser.put(user.id(), new ArrayList<>()));
        for (ScheduledTodo todo : scheduled(me.accountId(), repository.overlapping(me.accountId(), null, from, to,
                earliest), people)) {
            // A disabled user still shows while todos of theirs fall in the window.
            byUser.computeIfAbsent(todo.todo().assigneeUserId(), id -> new ArrayList<>()).add(todo);
        }
        List<AgentCalendar> calendars = new ArrayList<>();
        byUser.forEach((id, todos) -> calendars.add(new AgentCalendar(id, people.get(id).displayName(), todos)));
        calendars.sort(Comparator.comparing(AgentCalendar::displayName, String.CASE_INSENSITIVE_ORDER)
                .thenComparing(AgentCalendar::userId));
        return calendars;
    }

    /** The enabled users of the account a todo can be assigned to, by name. */
    public List<HorizonUser> assignees(long accountId) {
        return people(accountId).values().stream().filter(HorizonUser::enabled).sorted(byName()).toList();
    }

    private Todo applied(long accountId, Todo current, TodoChange change) {
        String title = change.title() == null ? current.title() : title(change.title());
        long assignee = change.assigneeUserId() == null || change.assigneeUserId() == current.assigneeUserId()
                ? current.assigneeUserId() : assignee(accountId, change.assigneeUserId());
        Instant start = current.startsAt();
        Instant end = current.endsAt();
        if (change.start() != null && change.end() == null) {
            // Moved by its start: it keeps its length.
            start = second(change.start());
            end = start.plus(Duration.between(current.startsAt(), current.endsAt()));
        } else if (change.start() != null || change.end() != null) {
            start = change.start() == null ? start : second(change.start());
            end = second(change.end());
        }
        if (!start.equals(current.startsAt()) || !end.equals(current.endsAt())) {
            checkSpan(start, end);
        }
        boolean done = change.done() == null ? current.done() : change.done();
        Instant doneAt = !done ? null : current.done() ? current.doneAt() : now();
        String notes = change.notes() == null ? current.notes() : notes(change.notes());
        return new Todo(current.id(), current.accountId(), current.ticketId(), title, assignee, start, end, done,
                doneAt, notes, current.createdByUserId(), current.createdAt(), current.updatedAt(),
                current.version());
    }

    private static boolean sameValues(Todo a, Todo b) {
        return a.title().equals(b.title()) && a.assigneeUserId() == b.assigneeUserId()
                && a.startsAt().equals(b.startsAt()) && a.endsAt().equals(b.endsAt()) && a.done() == b.done()
                && Objects.equals(a.notes(), b.notes());
    }

    private Todo stored(long accountId, long id) {
        return repository.find(accountId, id).orElseThrow(() -> new TodoRefused(TodoRefused.Reason.NOT_FOUND,
                "No todo " + id + "."));
    }

    private static void checkVersion(Todo current, int version) {
        if (current.version() != version) {
            throw new TodoRefused(TodoRefused.Reason.CONFLICT, "\"" + current.title() + "\" was changed since "
                    + "version " + version + " (it is at version " + current.version() + " now). Read it again and "
                    + "make your change on what it is now.");
        }
    }

    private static String title(String text) {
        String title = text == null ? "" : text.strip();
        if (title.isEmpty()) {
            throw new TodoRefused(TodoRefused.Reason.INVALID, "title", "Give the todo a title.");
        }
        if (title.length() > MAX_TITLE) {
            throw new TodoRefused(TodoRefused.Reason.INVALID, "title", "The title is " + title.length()
                    + " characters long; " + MAX_TITLE + " at most.");
        }
        return title;
    }

    private static String notes(String text) {
        String notes = text == null ? "" : text.strip();
        if (notes.length() > MAX_NOTES) {
            throw new TodoRefused(TodoRefused.Reason.INVALID, "notes", "The notes are " + notes.length()
                    + " characters long; " + MAX_NOTES + " at most.");
        }
        return notes.isEmpty() ? null : notes;
    }

    private static void checkSpan(Instant start, Instant end) {
        if (!end.isAfter(start)) {
            throw new TodoRefused(TodoRefused.Reason.INVALID, "end", "The end must be after the start.");
        }
        if (Duration.between(start, end).compareTo(MAX_LENGTH) > 0) {
            throw new TodoRefused(TodoRefused.Reason.INVALID, "end", "A todo lasts " + MAX_LENGTH.toDays()
                    + " days at most.");
        }
    }

    private long assignee(long accountId, long userId) {
        Optional<HorizonUser> user = users.findInAccount(accountId, userId);
        if (user.isEmpty()) {
            throw new TodoRefused(TodoRefused.Reason.INVALID, "assigneeUserId", "User " + userId
                    + " is not a user of this account.");
        }
        if (!user.get().enabled()) {
            throw new TodoRefused(TodoRefused.Reason.INVALID, "assigneeUserId", user.get().displayName()
                    + " is disabled and cannot be given todos.");
        }
        return userId;
    }

    private List<ScheduledTodo> scheduled(long accountId, List<Todo> todos) {
        return todos.isEmpty() ? List.of() : scheduled(accountId, todos, people(accountId));
    }

    /** Each todo with its ticket's state and number (one mirror read for all) and its assignee's name. */
    private List<ScheduledTodo> scheduled(long accountId, List<Todo> todos, Map<Long, HorizonUser> people) {
        if (todos.isEmpty()) {
            return List.of();
        }
        Map<Long, TicketSummary> tickets = mirror.ticketSummaries(accountId,
                todos.stream().map(Todo::ticketId).toList());
        return todos.stream().map(todo -> {
            TicketSummary ticket = tickets.get(todo.ticketId());
            HorizonUser assignee = people.get(todo.assigneeUserId());
            return new ScheduledTodo(todo, ticket == null ? null : ticket.number(),
                    ticket == null ? null : ticket.title(), TicketState.of(ticket),
                    assignee == null ? "User " + todo.assigneeUserId() : assignee.displayName());
        }).toList();
    }

    private Map<Long, HorizonUser> people(long accountId) {
        return users.findByAccount(accountId).stream()
                .collect(Collectors.toMap(HorizonUser::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }

    private static Comparator<HorizonUser> byName() {
        return Comparator.comparing(HorizonUser::displayName, String.CASE_INSENSITIVE_ORDER)
                .thenComparing(HorizonUser::id);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Todos are planned to the second; what the stores keep (microseconds) never differs from what was given. */
    private static Instant second(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS);
    }
}
