package horizon.simulator.connectwise.query;

import static horizon.simulator.connectwise.query.Records.CONTACTS;
import static horizon.simulator.connectwise.query.Records.TICKETS;
import static horizon.simulator.connectwise.query.Records.ids;
import static horizon.simulator.connectwise.query.Records.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArrayConditionsTest {

    @Test
    void childConditionsHoldWhenOneElementSatisfiesTheWholeExpression() {
        // Bob has x@y.com, but on his phone item, not on an email item
        Condition condition = ConditionParser.parseChildConditions(
                "communicationItems/value like \"x@y.com\" AND communicationItems/communicationType=\"Email\"");
        assertThat(ids(CONTACTS, condition)).containsExactly(102L);
        assertThat(condition.fields()).containsExactly("communicationItems/value", "communicationItems/communicationType");
    }

    @Test
    void childConditionsReadNestedPathsOfTheElementAndTopLevelFieldsOfTheRecord() {
        assertThat(ids(CONTACTS, ConditionParser.parseChildConditions(
                "communicationItems/type/name = \"direct\" and communicationItems/value like \"555*\""))).containsExactly(100L);
        assertThat(ids(CONTACTS, ConditionParser.parseChildConditions(
                "firstName = \"bob\" and communicationItems/communicationType = \"Phone\""))).containsExactly(101L);
        assertThat(ids(CONTACTS, ConditionParser.parseChildConditions(
                "CommunicationItems/Value = \"ann@acme.com\" or CommunicationItems/Value = \"bob@acme.com\""))).containsExactly(100L, 101L);
        assertThat(ids(CONTACTS, ConditionParser.parseChildConditions(
                "communicationItems/defaultFlag = false"))).containsExactly(101L);
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
        assertThat(ids(CONTACTS, ConditionParser.parseChildConditions("communicationItems/value != null")))
                .containsExactly(100L, 101L, 102L);
        assertThat(ids(CONTACTS, ConditionParser.parseChildConditions("communicationItems/value = null"))).isEmpty();
    }

    @Test
    void customFieldConditionsHoldWhenOneCustomFieldSatisfiesThem() {
        assertThat(ids(TICKETS, ConditionParser.parseCustomFieldConditions("caption=\"Site Code\" AND value != null")))
                .containsExactly(1L, 2L);
        assertThat(ids(TICKETS, ConditionParser.parseCustomFieldConditions("caption=\"Contract\" AND value != null"))).isEmpty();
        assertThat(ids(TICKETS, ConditionParser.parseCustomFieldConditions("caption=\"Contract\" AND value = null")))
                .containsExactly(1L);
        assertThat(ids(TICKETS, ConditionParser.parseCustomFieldConditions("id=1 AND value=\"ABC\""))).containsExactly(1L);
        assertThat(ids(TICKETS, ConditionParser.parseCustomFieldConditions("id=5 AND value=\"abc\""))).isEmpty();
        assertThat(ids(TICKETS, ConditionParser.parseCustomFieldConditions("Caption like \"site*\" and VALUE = 'xyz'")))
                .containsExactly(2L);
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
        assertThat(ids(TICKETS, ConditionParser.parseConditions("id > 1").and(ConditionParser.parseConditions("id < 3"))))
                .containsExactly(2L);
    }
}
