package horizon.helpdesk.autotask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.HelpdeskException.Kind;
import horizon.helpdesk.HelpdeskWrite;
import horizon.helpdesk.HelpdeskWrite.Author;
import horizon.helpdesk.HelpdeskWrite.NoteVisibility;
import horizon.helpdesk.PicklistValue;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a note's title and visibility become Autotask's title, note type and publish, on fixed picklists. */
class AutotaskNoteCreateTest {

    private static final Author DANA = new Author(29682800L, "Dana Reyes");

    private static final List<PicklistValue> NOTE_TYPES = List.of(
            value("noteType", "3", "Task Detail", true, true, 0),
            value("noteType", "7", "Resolution", true, false, 1),
            value("noteType", "13", "Workflow", true, false, 2),
            value("noteType", "21", "Customer Reply", false, false, 3));
    private static final List<PicklistValue> PUBLISH = List.of(
            value("publish", "1", "All Autotask Users", true, false, 0),
            value("publish", "4", "Internal & Co-managed", true, false, 1),
            value("publish", "2", "Internal Only", true, false, 2));

    @Test
    void aPublicNoteIsPublishedToAllAutotaskUsersWithThePreselectedType() {
        assertThat(AutotaskNoteCreate.flags(NoteVisibility.PUBLIC, NOTE_TYPES, PUBLISH))
                .isEqualTo(new AutotaskNoteCreate.Flags("3", "1"));
    }

    @Test
    void anInternalNoteIsInternalOnlyEvenWhenAnotherInternalValueComesFirst() {
        assertThat(AutotaskNoteCreate.flags(NoteVisibility.INTERNAL, NOTE_TYPES, PUBLISH))
                .isEqualTo(new AutotaskNoteCreate.Flags("3", "2"));
    }

    @Test
    void withoutInternalOnlyAnInternalNoteTakesTheFirstInternalValue() {
        List<PicklistValue> publish = List.of(value("publish", "1", "All Autotask Users", true, false, 0),
                value("publish", "2", "Internal Project Team", true, false, 1));
        assertThat(AutotaskNoteCreate.flags(NoteVisibility.INTERNAL, NOTE_TYPES, publish).publish()).isEqualTo("2");
    }

    @Test
    void aResolutionIsPublicWithTheResolutionNoteType() {
        assertThat(AutotaskNoteCreate.flags(NoteVisibility.RESOLUTION, NOTE_TYPES, PUBLISH))
                .isEqualTo(new AutotaskNoteCreate.Flags("7", "1"));
    }

    @Test
    void aResolutionWithoutAResolutionNoteTypeTakesTheFirstActiveTypeWhenNoneIsDefault() {
        List<PicklistValue> types = List.of(value("noteType", "21", "Customer Reply", false, true, 0),
                value("noteType", "13", "Workflow", true, false, 2), value("noteType", "2", "Task Summary", true, false, 1));
        assertThat(AutotaskNoteCreate.flags(NoteVisibility.RESOLUTION, types, PUBLISH))
                .isEqualTo(new AutotaskNoteCreate.Flags("2", "1"));
    }

    @Test
    void aDatabaseWithoutAPublicPublishValueIsNotFound() {
        HelpdeskException missing = catchThrowableOfType(() -> AutotaskNoteCreate.flags(NoteVisibility.PUBLIC,
                NOTE_TYPES, List.of(value("publish", "2", "Internal Only", true, false, 0))), HelpdeskException.class);
        assertThat(missing.kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(missing.getMessage()).contains("All Autotask Users");
    }

    @Test
    void aGivenTitleIsSentTrimmed() {
        assertThat(AutotaskNoteCreate.title(note(" Called back ", "Text"))).isEqualTo("Called back");
    }

    @Test
    void aBlankTitleIsTheTextsFirstNonBlankLine() {
        assertThat(AutotaskNoteCreate.title(note("  ", "\n\n  Rebooted the switch.  \r\nAll ports up.")))
                .isEqualTo("Rebooted the switch.");
        assertThat(AutotaskNoteCreate.title(note(null, "One line"))).isEqualTo("One line");
    }

    @Test
    void aLongFirstLineIsCutAtAWordWithAnEllipsis() {
        String line = "The customer reports that the shared printer on the second floor drops every job after the "
                + "first page since Monday";
        String title = AutotaskNoteCreate.title(note("", line));
        assertThat(title).isEqualTo("The customer reports that the shared printer on the second floor drops every job "
                + "after the first…");
        assertThat(title).hasSizeLessThanOrEqualTo(AutotaskNoteCreate.MADE_TITLE_LENGTH);
    }

    @Test
    void aLongWordIsCutMidWord() {
        String title = AutotaskNoteCreate.title(note("", "x".repeat(300)));
        assertThat(title).isEqualTo("x".repeat(99) + "…");
    }

    @Test
    void aBlankTextIsTitledWithTheAuthor() {
        assertThat(AutotaskNoteCreate.title(note("", " \n "))).isEqualTo("Note by Dana Reyes");
    }

    private static HelpdeskWrite.AddNote note(String title, String text) {
        return new HelpdeskWrite.AddNote(1L, DANA, title, text, NoteVisibility.PUBLIC);
    }

    private static PicklistValue value(String field, String code, String label, boolean active, boolean preselected,
                                       int order) {
        return new PicklistValue("TicketNotes", field, code, label, active, preselected, order, null);
    }
}
