// The ticket page: times typed into Log time and the todos' times are the agent's own, so the forms send the
// browser's time zone and the page names it. Loaded at the end of the page, before htmx loads the todos with it.
(function () {
    'use strict';
    var zone = (window.Intl && Intl.DateTimeFormat().resolvedOptions().timeZone) || 'UTC';
    document.querySelectorAll('input.zone').forEach(function (input) { input.setAttribute('value', zone); });
    document.querySelectorAll('.zone-name').forEach(function (span) { span.textContent = zone; });
})();
