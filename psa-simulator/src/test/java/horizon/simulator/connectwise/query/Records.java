package horizon.simulator.connectwise.query;

import java.util.List;
import java.util.function.Predicate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Fixed records shaped as ConnectWise serves them, shared by the query tests. */
final class Records {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    static ObjectNode json(String json) {
        return (ObjectNode) MAPPER.readTree(json.replace('\'', '"'));
    }

    static final List<ObjectNode> TICKETS = List.of(
            json("""
                    {'id':1,'summary':'Printer on fire',
                     'board':{'id':1,'name':'Help Desk','_info':{'board_href':'x'}},
                     'status':{'id':10,'name':'New'},'closedFlag':false,'budgetHours':1.5,
                     'contact':{'id':7,'name':'Ann Smith'},
                     'customFields':[
                       {'id':1,'caption':'Site Code','type':'Text','entryMethod':'EntryField',
                        'numberOfDecimals':0,'value':'abc'},
                       {'id':5,'caption':'Contract','type':'Text','entryMethod':'EntryField','numberOfDecimals':0}],
                     '_info':{'lastUpdated':'2026-06-09T21:59:49Z','dateEntered':'2026-06-01T08:00:00Z',
                              'updatedBy':'jdoe','enteredBy':'Cobalt'}}"""),
            json("""
                    {'id':2,'summary':'VPN down for [HQ] office','board':{'id':2,'name':'Integration'},
                     'status':{'id':11,'name':'Open'},'closedFlag':false,'budgetHours':4,
                     'customFields':[
                       {'id':1,'caption':'Site Code','type':'Text','entryMethod':'EntryField',
                        'numberOfDecimals':0,'value':'XYZ'}],
                     '_info':{'lastUpdated':'2026-06-10T09:00:00Z','dateEntered':'2026-06-02T08:00:00Z',
                              'updatedBy':'ZAdmin','enteredBy':'Cobalt'}}"""),
            json("""
                    {'id':3,'summary':'printer toner','board':{'id':1,'name':'Help Desk'},
                     'status':{'id':12,'name':'Closed'},'closedFlag':true,'budgetHours':0.25,
                     'contact':{'id':8,'name':'Bob'},
                     '_info':{'lastUpdated':'2026-05-31T23:59:59Z','dateEntered':'2026-05-01T08:00:00Z',
                              'updatedBy':'jdoe','enteredBy':'jdoe'}}"""),
            json("""
                    {'id':10,'summary':'Email bounce_back','board':{'id':4,'name':'Projects'},
                     'status':{'id':10,'name':'New'},'closedFlag':false,'dateEntered':'2020-01-01T00:00:00Z',
                     '_info':{'lastUpdated':'2026-06-11T00:00:00Z','dateEntered':'2026-06-11T00:00:00Z',
                              'updatedBy':'Cobalt','enteredBy':'Cobalt'}}"""));

    static final List<ObjectNode> CONTACTS = List.of(
            json("""
                    {'id':100,'firstName':'Ann','communicationItems':[
                       {'id':1,'type':{'id':1,'name':'Email'},'value':'ann@acme.com',
                        'defaultFlag':true,'communicationType':'Email'},
                       {'id':2,'type':{'id':2,'name':'Direct'},'value':'555-0100',
                        'defaultFlag':true,'communicationType':'Phone'}],
                     '_info':{'lastUpdated':'2026-06-09T21:59:49Z'}}"""),
            json("""
                    {'id':101,'firstName':'Bob','communicationItems':[
                       {'id':3,'type':{'id':1,'name':'Email'},'value':'bob@acme.com',
                        'defaultFlag':true,'communicationType':'Email'},
                       {'id':4,'type':{'id':2,'name':'Direct'},'value':'x@y.com',
                        'defaultFlag':false,'communicationType':'Phone'}],
                     '_info':{'lastUpdated':'2026-06-09T21:59:49Z'}}"""),
            json("""
                    {'id':102,'firstName':'Cy','communicationItems':[
                       {'id':5,'type':{'id':1,'name':'Email'},'value':'X@Y.com',
                        'defaultFlag':true,'communicationType':'Email'}],
                     '_info':{'lastUpdated':'2026-06-09T21:59:49Z'}}"""),
            json("""
                    {'id':103,'firstName':'Di','_info':{'lastUpdated':'2026-06-09T21:59:49Z'}}"""));

    /** The ids of the records {@code condition} keeps, in order. */
    static List<Long> ids(List<ObjectNode> records, Predicate<ObjectNode> condition) {
        return records.stream().filter(condition).map(r -> r.get("id").asLong()).toList();
    }

    private Records() {
    }
}
