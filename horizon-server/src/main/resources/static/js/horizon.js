// Horizon's page behaviour, loaded by every page (fragments/layout.html). Pages carry no inline script or event
// handler attribute, so the Content-Security-Policy allows scripts from Horizon only; what a page needs it asks for
// with the data- attributes below.
(function () {
    'use strict';

    // htmx requests carry the CSRF token the same way forms do.
    document.addEventListener('htmx:configRequest', function (event) {
        var token = document.querySelector('meta[name="_csrf"]');
        var header = document.querySelector('meta[name="_csrf_header"]');
        if (token && header) {
            event.detail.headers[header.content] = token.content;
        }
    });

    // data-poll-while-visible: the element's polling asks nothing while the tab is hidden.
    document.addEventListener('htmx:beforeRequest', function (event) {
        var element = event.detail.elt;
        if (element && element.hasAttribute('data-poll-while-visible') && document.visibilityState !== 'visible') {
            event.preventDefault();
        }
    });

    // data-reset-when-queued: the form clears itself once Horizon queued what it sent (its answer's HX-Trigger).
    document.addEventListener('action-queued', function (event) {
        var form = event.target.closest && event.target.closest('form[data-reset-when-queued]');
        if (form) {
            form.reset();
        }
    });

    // data-disable-on-input="ID": typing in the form disables the element with that id (a step that must be redone).
    document.addEventListener('input', function (event) {
        var form = event.target.closest && event.target.closest('[data-disable-on-input]');
        var target = form && document.getElementById(form.getAttribute('data-disable-on-input'));
        if (target) {
            target.disabled = true;
        }
    });

    // data-submit-on-change: a select that submits its form when chosen (a button in <noscript> does it without).
    document.addEventListener('change', function (event) {
        if (event.target.matches && event.target.matches('select[data-submit-on-change]') && event.target.form) {
            event.target.form.submit();
        }
    });
})();
