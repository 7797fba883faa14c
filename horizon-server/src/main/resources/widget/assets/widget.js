/*
 * Horizon's widgets (calendar and ticket), plain JavaScript for a PSA's iframe.
 *
 * Signing in: the access token lives in this page's memory only and is sent as Authorization: Bearer; the refresh
 * token lives in Horizon's __Host- cookie (Partitioned, so it works where third-party cookies are blocked).
 * - PSA hands over its member (ConnectWise pod): ready -> MessageFrameID -> onLoad -> getMemberAuthentication, every
 *   message checked against the account's PSA origin and sent only to it; Horizon's server confirms the member with
 *   the PSA before anything is shown.
 * - Otherwise (Autotask, or a PSA page that hands over nothing): the refresh cookie, else a first-party popup
 *   sign-in that posts a one-time code back to this frame, accepted only from Horizon's own origin and window.
 * Every message from anywhere else is ignored (and counted in data-ignored-messages).
 */
(function () {
    'use strict';

    var root = document.getElementById('widget');
    if (!root) {
        return;
    }
    var cfg = {
        key: root.dataset.key || '',
        widget: root.dataset.widget || '',
        signIn: root.dataset.signIn || 'none',
        psaOrigins: (root.dataset.psaOrigins || '').split(' ').filter(Boolean),
        psa: root.dataset.psa || 'the helpdesk',
        ticket: root.dataset.ticket || '',
        resource: root.dataset.resource || ''
    };
    var self = window.location.origin;
    var zone = (Intl.DateTimeFormat().resolvedOptions().timeZone) || 'UTC';
    var el = {
        status: document.getElementById('status'),
        content: document.getElementById('content'),
        who: document.getElementById('who'),
        signIn: document.getElementById('sign-in'),
        signInText: document.getElementById('sign-in-text'),
        signInButton: document.getElementById('sign-in-button'),
        signOut: document.getElementById('sign-out')
    };
    var state = {
        token: null, how: null, renewTimer: null, refreshTimer: null, rendered: false,
        frameId: null, podFallback: null, popup: null, popupState: null, ignored: 0, seen: null,
        outcome: null
    };

    var origin = framedBy();

    // ---- where this frame lives ------------------------------------------------------------------------------

    /** The origin framing this page (Horizon's own when it is not framed). */
    function framedBy() {
        if (window.parent === window) {
            return self;
        }
        var ancestors = window.location.ancestorOrigins;
        if (ancestors && ancestors.length) {
            return ancestors[0];
        }
        try {
            return new URL(document.referrer).origin;
        } catch (e) {
            return '';
        }
    }

    function allowedOrigin(candidate) {
        return candidate === self || cfg.psaOrigins.indexOf(candidate) >= 0;
    }

    // ---- small DOM helpers -----------------------------------------------------------------------------------

    function node(tag, attributes, children) {
        var element = document.createElement(tag);
        Object.keys(attributes || {}).forEach(function (name) {
            var value = attributes[name];
            if (value === null || value === undefined || value === false) {
                return;
            }
            if (name === 'text') {
                element.textContent = value;
            } else if (name === 'class') {
                element.className = value;
            } else if (name.indexOf('on') === 0) {
                element.addEventListener(name.substring(2), value);
            } else {
                element.setAttribute(name, value === true ? '' : value);
            }
        });
        (children || []).forEach(function (child) {
            if (child) {
                element.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
            }
        });
        return element;
    }

    function clear(element) {
        while (element.firstChild) {
            element.removeChild(element.firstChild);
        }
    }

    function say(text) {
        el.status.textContent = text || '';
    }

    function problem(text) {
        say('');
        clear(el.content);
        el.content.appendChild(node('p', {'class': 'problem', id: 'problem', text: text}));
    }

    // ---- events for Widget Status ----------------------------------------------------------------------------

    function report(event, detail, millis) {
        var body = {key: cfg.key, widget: cfg.widget, event: event, signIn: state.how};
        if (millis !== undefined) {
            body.ms = millis;
        }
        if (detail) {
            body.detail = String(detail).slice(0, 400);
        }
        var blob = new Blob([JSON.stringify(body)], {type: 'application/json'});
        if (!(navigator.sendBeacon && navigator.sendBeacon('/widgets/api/events', blob))) {
            fetch('/widgets/api/events', {method: 'POST', body: blob, keepalive: true, credentials: 'omit',
                headers: {'Content-Type': 'application/json'}}).catch(function () { });
        }
    }

    function rendered() {
        if (!state.rendered) {
            state.rendered = true;
            var millis = Math.round(performance.now());
            root.dataset.renderMs = String(millis);
            report('render', null, millis);
        }
    }

    // ---- signing in ------------------------------------------------------------------------------------------

    function exchange(body) {
        body.key = cfg.key;
        body.origin = origin;
        return fetch('/widgets/api/token', {
            method: 'POST', credentials: 'same-origin', cache: 'no-store',
            headers: {'Content-Type': 'application/json', 'X-Horizon-Widget': '1'},
            body: JSON.stringify(body)
        }).then(answered);
    }

    function answered(response) {
        return response.json().catch(function () { return {}; }).then(function (json) {
            if (!response.ok) {
                var failure = new Error(json.message || ('Horizon answered ' + response.status));
                failure.status = response.status;
                failure.code = json.error;
                throw failure;
            }
            return json;
        });
    }

    function signedIn(answer, how) {
        state.token = answer.accessToken;
        state.how = how;
        el.who.textContent = answer.user || '';
        el.signOut.hidden = false;
        el.signIn.hidden = true;
        root.dataset.signedIn = how;
        clearTimeout(state.renewTimer);
        state.renewTimer = setTimeout(renew, Math.max(5, answer.expiresIn - 60) * 1000);
        load();
    }

    /** Before the access token runs out: the refresh cookie, else sign in again as at the start. */
    function renew() {
        exchange({grant: 'refresh'}).then(function (answer) {
            signedIn(answer, state.how);
        }, function () {
            state.token = null;
            if (state.frameId) {
                askMember();
            } else {
                askToSignIn('Your Horizon sign-in ran out. Sign in again.');
            }
        });
    }

    function start() {
        if (!allowedOrigin(origin)) {
            report('framing-blocked', 'framed by ' + (origin || 'an unknown page'));
            problem('This page may not show Horizon\'s widget.');
            return;
        }
        if (cfg.signIn === 'none') {
            problem('Horizon is not connected to a helpdesk yet. Ask your Horizon admin to connect it.');
            return;
        }
        if (cfg.signIn === 'psa-member' && origin !== self) {
            pod();
        } else {
            refreshOrAsk();
        }
    }

    function refreshOrAsk() {
        say('Signing in…');
        exchange({grant: 'refresh'}).then(function (answer) {
            signedIn(answer, 'refresh');
        }, function (failure) {
            if (failure.status >= 500 || !failure.status) {
                report('sign-in-failure', failure.message);
            }
            askToSignIn();
        });
    }

    // The PSA's member hand-over (ConnectWise Manage Hosted API). Messages are JSON strings.
    function pod() {
        say('Waiting for ' + cfg.psa + '…');
        postToHost({message: 'ready'});
        // No answer: not inside the PSA's screen, or a client that hands over nothing.
        state.podFallback = setTimeout(refreshOrAsk, 4000);
    }

    function hostOrigin() {
        return cfg.psaOrigins.indexOf(origin) >= 0 ? origin : cfg.psaOrigins[0];
    }

    function postToHost(message) {
        window.parent.postMessage(JSON.stringify(message), hostOrigin());
    }

    function askMember() {
        postToHost({hosted_request: 'getMemberAuthentication', frameID: state.frameId});
    }

    function fromHost(message) {
        if (message.MessageFrameID) {
            state.frameId = message.MessageFrameID;
            clearTimeout(state.podFallback);
        } else if (message.event === 'onLoad') {
            var data = message.data || {};
            if (!cfg.ticket && data.id) {
                cfg.ticket = String(data.id);
            }
            askMember();
        } else if (message.response === 'getmemberauthentication') {
            say('Checking who you are with ' + cfg.psa + '…');
            exchange({grant: 'psa-member', member: message.data || {}}).then(function (answer) {
                signedIn(answer, 'psa-member');
            }, function (failure) {
                report('sign-in-failure', failure.message);
                problem(failure.message);
            });
        }
    }

    // The popup: a first-party Horizon sign-in that posts a one-time code back to this frame.
    function askToSignIn(text) {
        say('');
        clear(el.content);
        el.signInText.textContent = text || 'Sign in to Horizon to see your work here.';
        el.signIn.hidden = false;
        el.signOut.hidden = true;
        el.who.textContent = '';
    }

    function openPopup() {
        state.popupState = randomState();
        var url = '/widgets/' + encodeURIComponent(cfg.key) + '/sign-in?state=' + state.popupState
            + '&origin=' + encodeURIComponent(origin);
        state.popup = window.open(url, 'horizon-sign-in', 'popup,width=480,height=640');
        if (!state.popup) {
            report('sign-in-failure', 'sign-in window blocked');
            el.signInText.textContent = 'Your browser blocked the sign-in window. Allow pop-ups from ' + self
                + ' and click the button again.';
        }
    }

    function fromPopup(data) {
        if (!data || data.type !== 'horizon-widget-code' || !state.popupState || data.state !== state.popupState) {
            ignore();
            return;
        }
        state.popupState = null;
        say('Signing in…');
        exchange({grant: 'code', code: data.code, state: data.state}).then(function (answer) {
            signedIn(answer, 'popup');
        }, function (failure) {
            report('sign-in-failure', failure.message);
            askToSignIn(failure.message);
        });
    }

    function randomState() {
        var bytes = new Uint8Array(24);
        crypto.getRandomValues(bytes);
        var text = '';
        for (var i = 0; i < bytes.length; i++) {
            text += String.fromCharCode(bytes[i]);
        }
        return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    }

    function ignore() {
        state.ignored += 1;
        root.dataset.ignoredMessages = String(state.ignored);
    }

    window.addEventListener('message', function (event) {
        if (event.origin === self && state.popup && event.source === state.popup) {
            fromPopup(event.data);
            return;
        }
        if (cfg.signIn !== 'psa-member' || event.source !== window.parent
            || cfg.psaOrigins.indexOf(event.origin) < 0 || typeof event.data !== 'string') {
            ignore();
            return;
        }
        var message;
        try {
            message = JSON.parse(event.data);
        } catch (e) {
            ignore();
            return;
        }
        if (message && typeof message === 'object') {
            fromHost(message);
        }
    });

    el.signInButton.addEventListener('click', openPopup);
    el.signOut.addEventListener('click', function () {
        fetch('/widgets/api/sign-out', {method: 'POST', credentials: 'same-origin',
            headers: {'Content-Type': 'application/json', 'X-Horizon-Widget': '1'},
            body: JSON.stringify({key: cfg.key})}).catch(function () { }).then(function () {
            state.token = null;
            state.how = null;
            clearTimeout(state.renewTimer);
            delete root.dataset.signedIn;
            askToSignIn('Signed out.');
        });
    });

    // ---- data ------------------------------------------------------------------------------------------------

    function api(method, path, body) {
        var options = {method: method, credentials: 'omit', cache: 'no-store',
            headers: {'Authorization': 'Bearer ' + state.token}};
        if (body) {
            options.headers['Content-Type'] = 'application/json';
            options.body = JSON.stringify(body);
        }
        return fetch(path, options).then(function (response) {
            return response.json().catch(function () { return {}; }).then(function (json) {
                if (response.status === 401) {
                    state.token = null;
                    renew();
                    throw new Error('Signing in again…');
                }
                if (response.status >= 500) {
                    report('server-error', path.replace(/\d+/g, '#') + ' answered ' + response.status);
                }
                json.httpStatus = response.status;
                return json;
            });
        });
    }

    function load() {
        if (!state.token) {
            return;
        }
        var request = cfg.widget === 'calendar'
            ? api('GET', '/widgets/api/calendar?zone=' + encodeURIComponent(zone))
            : cfg.ticket
                ? api('GET', '/widgets/api/tickets/' + encodeURIComponent(cfg.ticket) + '?zone='
                    + encodeURIComponent(zone))
                : Promise.resolve({httpStatus: 404, message: 'Open this widget from a ticket.'});
        request.then(function (data) {
            if (data.httpStatus !== 200) {
                if (data.httpStatus < 500) {
                    problem(data.message || 'Horizon cannot show this.');
                    rendered();
                } else {
                    problem('Horizon could not load this just now; it tries again in a minute.');
                }
                return;
            }
            say('');
            if (cfg.widget === 'calendar') {
                drawCalendar(data);
            } else {
                drawTicket(data);
            }
            rendered();
        }, function (failure) {
            if (state.token) {
                report('load-failure', failure.message);
                problem('Horizon could not be reached; it tries again in a minute.');
            }
        });
        clearTimeout(state.refreshTimer);
        state.refreshTimer = setTimeout(function refreshLater() {
            if (document.visibilityState === 'hidden') {
                state.refreshTimer = setTimeout(refreshLater, 60000);
            } else {
                load();
            }
        }, 60000);
    }

    // ---- the calendar ----------------------------------------------------------------------------------------

    function drawCalendar(data) {
        clear(el.content);
        (data.days || []).forEach(function (day) {
            el.content.appendChild(node('h2', {'class': 'day', text: day.label}));
            if (!day.todos.length) {
                el.content.appendChild(node('p', {'class': 'empty', text: 'Nothing scheduled.'}));
                return;
            }
            el.content.appendChild(node('ul', {'class': 'todos'}, day.todos.map(todoItem)));
        });
        el.content.appendChild(node('p', {'class': 'empty', id: 'through', text: 'Showing your todos through '
                + data.through + '.'}));
        if ((data.earlier || []).length) {
            el.content.appendChild(node('h2', {'class': 'day', text: 'Not done from earlier'}));
            el.content.appendChild(node('ul', {'class': 'todos', id: 'earlier'}, data.earlier.map(todoItem)));
        }
    }

    function todoItem(todo) {
        var ticket = todo.ticket || {};
        return node('li', {'class': 'todo' + (todo.done ? ' done' : ''), 'data-todo': String(todo.id)}, [
            node('span', {'class': 'when', text: todo.when + (todo.done ? ' · done' : '')}),
            node('span', {'class': 'what', text: todo.title}),
            ticket.link ? node('a', {'class': 'ticket-link', href: ticket.link, target: '_blank',
                rel: 'noopener noreferrer', text: ticket.label}) : node('span', {'class': 'when', text: ticket.label}),
            todo.notice ? node('span', {'class': 'when notice-line', text: todo.notice}) : null
        ]);
    }

    // ---- the ticket ------------------------------------------------------------------------------------------

    function drawTicket(data) {
        var ticket = data.ticket;
        state.seen = data.version;
        clear(el.content);
        el.content.appendChild(node('div', {'class': 'ticket-head'}, [
            node('a', {'class': 'number', href: ticket.link, target: '_blank', rel: 'noopener noreferrer',
                text: ticket.number + ' in ' + cfg.psa}),
            node('span', {'class': 'subject', id: 'ticket-title', text: ticket.title}),
            node('span', {'class': 'facts', id: 'ticket-facts',
                text: ticket.status + ' · ' + (ticket.assignee || 'unassigned')})
        ]));
        if (cfg.resource && data.me.helpdeskUserId !== null && String(data.me.helpdeskUserId) !== cfg.resource) {
            el.content.appendChild(node('p', {'class': 'notice', id: 'other-agent',
                text: cfg.psa + ' shows this page to another agent than the one signed in to Horizon here ('
                    + el.who.textContent + '). Sign out if this is not you.'}));
        }
        var shown = state.outcome;
        el.content.appendChild(node('p', {'class': shown ? shown.kind : 'notice', id: 'outcome', hidden: !shown,
            text: shown ? shown.text : ''}));

        el.content.appendChild(node('h2', {}, ['Todos ', node('span', {'class': 'count', text:
                '(' + data.todos.length + ')'})]));
        el.content.appendChild(data.todos.length
            ? node('ul', {'class': 'todos', id: 'ticket-todos'}, data.todos.map(todoItem))
            : node('p', {'class': 'empty', id: 'ticket-todos', text: 'No todos on this ticket yet.'}));
        el.content.appendChild(todoForm(data));

        el.content.appendChild(node('h2', {text: 'Actions'}));
        if (data.assignToMe) {
            el.content.appendChild(actionForm('assign', [
                node('button', {type: 'submit', 'class': 'primary', id: 'assign-to-me', text: 'Assign to me'})
            ], function () {
                return {assignee: data.assignToMe};
            }));
        } else if (data.me.helpdeskUserId === null) {
            el.content.appendChild(node('p', {'class': 'empty', text: 'You are not mapped to a ' + cfg.psa
                    + ' user, so Horizon cannot act for you here.'}));
        }
        if (data.me.helpdeskUserId !== null) {
            el.content.appendChild(statusForm(data));
            el.content.appendChild(noteForm());
            el.content.appendChild(timeForm());
        }
        if (data.actions.length) {
            el.content.appendChild(node('h2', {text: 'Sent to ' + cfg.psa}));
            el.content.appendChild(node('ul', {'class': 'actions', id: 'ticket-actions'}, data.actions.map(
                function (action) {
                    return node('li', {}, [node('span', {'class': 'state ' + action.state, text: action.state}), ' ',
                        action.summary]);
                })));
        }
    }

    function field(label, control) {
        return node('label', {}, [label, control]);
    }

    function todoForm(data) {
        var start = new Date(Date.now() + 3600000);
        start.setMinutes(start.getMinutes() < 30 ? 30 : 60, 0, 0);
        var local = new Date(start.getTime() - start.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
        return actionForm('todos', [
            field('Todo', node('input', {name: 'title', id: 'todo-title', maxlength: '200', required: true})),
            node('div', {'class': 'row'}, [
                field('Starts', node('input', {name: 'start', id: 'todo-start', type: 'datetime-local',
                    value: local, required: true})),
                field('Minutes', node('input', {name: 'minutes', id: 'todo-minutes', type: 'number', min: '5',
                    max: '1440', value: '30', required: true}))
            ]),
            node('button', {type: 'submit', id: 'todo-button', text: 'Add todo'})
        ], function (form) {
            return {title: form.title.value, start: form.start.value, minutes: Number(form.minutes.value),
                zone: zone};
        });
    }

    function statusForm(data) {
        var select = node('select', {name: 'status', id: 'status-select'}, data.statuses.map(function (status) {
            return node('option', {value: status.value, selected: status.value === data.ticket.statusValue,
                text: status.label});
        }));
        return actionForm('status', [node('div', {'class': 'row'}, [select,
            node('button', {type: 'submit', id: 'status-button', text: 'Set status'})])], function (form) {
            return {status: form.status.value};
        });
    }

    function noteForm() {
        return actionForm('notes', [
            field('Note', node('textarea', {name: 'text', id: 'note-text', maxlength: '30000', required: true})),
            node('div', {'class': 'row'}, [
                node('select', {name: 'visibility', id: 'note-visibility'}, [
                    node('option', {value: 'INTERNAL', text: 'Internal'}),
                    node('option', {value: 'PUBLIC', text: 'Public'})]),
                node('button', {type: 'submit', id: 'note-button', text: 'Add note'})])
        ], function (form) {
            return {text: form.text.value, visibility: form.visibility.value};
        });
    }

    function timeForm() {
        return actionForm('time', [
            node('div', {'class': 'row'}, [
                field('Minutes', node('input', {name: 'minutes', id: 'time-minutes', type: 'number', min: '1',
                    max: '1440', required: true})),
                field('Summary', node('input', {name: 'summary', id: 'time-summary', maxlength: '8000',
                    required: true}))]),
            node('button', {type: 'submit', id: 'time-button', text: 'Log time'})
        ], function (form) {
            return {minutes: Number(form.minutes.value), summary: form.summary.value};
        });
    }

    /** A form that posts its values to the ticket's action and shows the outcome; a question asks first. */
    function actionForm(action, children, values) {
        var form = node('form', {'class': 'act', id: 'form-' + action}, children);
        form.addEventListener('submit', function (event) {
            event.preventDefault();
            send(form, action, values(form), false);
        });
        return form;
    }

    function send(form, action, body, confirmed) {
        state.outcome = null;
        body.seen = state.seen;
        body.confirm = confirmed;
        var buttons = form.querySelectorAll('button');
        buttons.forEach(function (button) { button.disabled = true; });
        api('POST', '/widgets/api/tickets/' + encodeURIComponent(cfg.ticket) + '/' + action, body)
            .then(function (answer) {
                buttons.forEach(function (button) { button.disabled = false; });
                var outcome = document.getElementById('outcome');
                if (answer.outcome === 'confirm') {
                    outcome.textContent = answer.message + ' ';
                    outcome.appendChild(node('button', {type: 'button', id: 'confirm', text: 'Yes, go ahead',
                        onclick: function () { send(form, action, body, true); }}));
                    outcome.className = 'notice';
                    outcome.hidden = false;
                    return;
                }
                if (answer.httpStatus >= 400) {
                    outcome.textContent = answer.message || 'Horizon refused this.';
                    outcome.className = 'problem';
                    outcome.hidden = false;
                    return;
                }
                state.outcome = {text: answer.message, kind: 'notice ok'};
                load();
            }, function () {
                buttons.forEach(function (button) { button.disabled = false; });
            });
    }

    start();
}());
