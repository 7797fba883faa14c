package horizon.simulator.connectwise.query;

import static horizon.simulator.connectwise.query.Records.CONTACTS;
import static horizon.simulator.connectwise.query.Records.TICKETS;
import static horizon.simulator.connectwise.query.Records.ids;
import static horizon.simulator.connectwise.query.Records.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArrayConditionsTest {

    static List<Long> contactsWhere(String childConditions) {
        return ids(CONTACTS, ConditionParser.parseChildConditions(childConditions));
    }

    static List<Long> ticketsWhere(String customFieldConditions) {
        return ids(TICKETS, ConditionParser.parseCustomFieldConditions(customFieldConditions));
    }

    @Test
    void childConditionsHoldWhenOneElementSatisfiesTheWholeExpression() {
        // Bob has x@y.com, but on his phone item, not on an email item
        Condition condition = ConditionParser.parseChildConditions(
                "communicationItems/value like \"x@y.com\" AND communicationItems/communicationType=\"Email\"");
        assertThat(ids(CONTACTS, condition)).containsExactly(102L);
        assertThat(condition.fields())
                .containsExactly("communicationItems/value", "communicationItems/communicationType");
    }

    @Test
    void childConditionsReadNestedPathsOfTheElementAndTopLevelFieldsOfTheRecord() {
        assertThat(contactsWhere("communicationItems/type/name = 'direct' and communicationItems/value like '555*'"))
                .containsExactly(100L);
        assertThat(contactsWhere("firstName = \"bob\" and communicationItems/communicationType = \"Phone\""))
                .containsExactly(101L);
        assertThat(contactsWhere("CommunicationItems/Value = 'ann@acme.com'"
                + " or COMMUNICATIONITEMS/value = 'BOB@acme.com' or communicationItems/VALUE = 'nobody@acme.com'"))
                .containsExactly(100L, 101L);
        assertThat(contactsWhere("communicationItems/defaultFlag = false")).containsExactly(101L);
    }

    @Test
    void childConditionsOverTwoArraysPickOneElementOfEach() {
        var record = json("""
                {'id':1,'a':[{'k':1,'v':'x'},{'k':2,'v':'y'}],'b':[{'k':2},{'k':3}]}""");
        assertThat(ConditionParser.parseChildConditions("a/v = \"y\" and b/k = 3").test(record)).isTrue();
        assertThat(ConditionParser.parseChildConditions("a/v = \"x\" and a/k = 2").test(record)).isFalse();
        assertThat(ConditionParser.parseChildConditions("a/k = 2 and b/k = 2 and a/v = \"y\"").test(record)).isTrue();
    }

    @Test
    void aRecordWithoutTheArrayMatchesNoChildCondition() {
        assertThat(contactsWhere("communicationItems/value != null")).containsExactly(100L, 101L, 102L);
        assertThat(contactsWhere("communicationItems/value = null")).isEmpty();
    }

    @Test
    void customFieldConditionsHoldWhenOneCustomFieldSatisfiesThem() {
        assertThat(ticketsWhere("caption=\"Site Code\" AND value != null")).containsExactly(1L, 2L);
        assertThat(ticketsWhere("caption=\"Contract\" AND value != null")).isEmpty();
        assertThat(ticketsWhere("caption=\"Contract\" AND value = null")).containsExactly(1L);
        assertThat(ticketsWhere("id=1 AND value=\"ABC\"")).containsExactly(1L);
        assertThat(ticketsWhere("id=5 AND value=\"abc\"")).isEmpty();
        assertThat(ticketsWhere("Caption like \"site*\" and VALUE = 'xyz'")).containsExactly(2L);
        assertThat(ConditionParser.parseCustomFieldConditions("caption=\"X\" AND value != null").fields())
                .containsExactly("caption", "value");
    }

    @Test
    void theThreeParametersCombine() {
        Condition all = ConditionParser.parseConditions("closedFlag = false")
                .and(ConditionParser.parseCustomFieldConditions("caption = \"Site Code\" and value != null"))
                .and(ConditionParser.parseChildConditions(""));
        assertThat(ids(TICKETS, all)).containsExactly(1L, 2L);
        assertThat(all.fields()).containsExactly("closedFlag", "caption", "value");
        Condition between = ConditionParser.parseConditions("id > 1").and(ConditionParser.parseConditions("id < 3"));
        assertThat(ids(TICKETS, between)).containsExactly(2L);
    }
}
