package horizon.simulator.connectwise.query;

import static horizon.simulator.connectwise.query.Records.TICKETS;
import static horizon.simulator.connectwise.query.Records.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class FieldSelectionTest {
    static final ObjectNode TICKET = TICKETS.get(0);

    static String select(String fields) {
        return FieldSelection.parse(fields).apply(TICKET).toString();
    }

    @Test
    void keepsOnlyTheSelectedPathsAndThePartsOfReferencesAskedFor() {
        assertThat(select("id,summary,board/name,_info/lastUpdated")).isEqualTo(json("""
                {'id':1,'summary':'Printer on fire','board':{'name':'Help Desk'},
                 '_info':{'lastUpdated':'2026-06-09T21:59:49Z'}}""").toString());
    }

    @Test
    void followsTheRecordsOrderAndSpellingWhateverTheCaseAsked() {
        assertThat(select("_INFO/LASTUPDATED, Summary ,ID")).isEqualTo(json("""
                {'id':1,'summary':'Printer on fire','_info':{'lastUpdated':'2026-06-09T21:59:49Z'}}""").toString());
    }

    @Test
    void aWholeReferenceWinsOverPartsOfIt() {
        String whole = json("{'board':{'id':1,'name':'Help Desk','_info':{'board_href':'x'}}}").toString();
        assertThat(select("board/name,board")).isEqualTo(whole);
        assertThat(select("board,board/name")).isEqualTo(whole);
        assertThat(select("board/id,board/name")).isEqualTo(json("{'board':{'id':1,'name':'Help Desk'}}").toString());
    }

    @Test
    void ignoresUnknownFields() {
        assertThat(select("id,nope,board/nope,summary/length,,")).isEqualTo("{\"id\":1}");
    }

    @Test
    void selectsChildrenOfEachArrayElement() {
        assertThat(select("customFields/caption,customFields/value")).isEqualTo(json("""
                {'customFields':[{'caption':'Site Code','value':'abc'},{'caption':'Contract'}]}""").toString());
    }

    @Test
    void aBlankParameterKeepsTheRecordAndASelectionNeverSharesNodesWithIt() {
        assertThat(FieldSelection.parse(" ").apply(TICKET)).isSameAs(TICKET);
        assertThat(FieldSelection.parse(null).keepsEverything()).isTrue();
        ObjectNode page = FieldSelection.parse("board").apply(TICKET);
        ((ObjectNode) page.get("board")).put("name", "changed");
        assertThat(TICKET.get("board").get("name").asString()).isEqualTo("Help Desk");
    }
}
