// Copy buttons: the value goes to the clipboard; without this script the value is still selectable text.
(function () {
    'use strict';
    var status = document.getElementById('copy-status');

    function legacyCopy(field) {
        field.focus();
        field.select();
        try {
            return document.execCommand('copy');
        } catch (e) {
            return false;
        }
    }

    document.querySelectorAll('.copy-value').forEach(function (field) {
        field.addEventListener('focus', function () { field.select(); });
    });
    document.querySelectorAll('button.copy').forEach(function (button) {
        var field = document.getElementById(button.getAttribute('data-copy'));
        if (!field) {
            return;
        }
        var label = document.querySelector('label[for="' + field.id + '"]');
        var reset = null;
        button.hidden = false;
        button.addEventListener('click', function () {
            function done(copied) {
                button.textContent = copied ? 'Copied' : 'Press Ctrl+C';
                button.classList.toggle('copied', copied);
                button.setAttribute('data-copied', String(copied));
                if (status) {
                    status.textContent = copied ? (label ? label.textContent : 'The value') + ' copied.'
                        : 'Copying was refused: the value is selected, press Ctrl+C.';
                }
                field.focus();
                field.select();
                clearTimeout(reset);
                reset = setTimeout(function () {
                    button.textContent = 'Copy';
                    button.classList.remove('copied');
                }, 2500);
            }
            if (navigator.clipboard && window.isSecureContext) {
                navigator.clipboard.writeText(field.value).then(function () {
                    done(true);
                }, function () {
                    done(legacyCopy(field));
                });
            } else {
                done(legacyCopy(field));
            }
        });
    });
})();
