// Keyboard triage: one listener; the current view says what each key does. Keys are ignored while typing
// in a field (except Escape), and with Ctrl, Alt or Meta held, so the browser's own shortcuts still work.

let viewKeys = {};
let pendingG = false;

/** The current view's keys: {name: handler}, names as KeyboardEvent.key ('j', 'Enter', 'ArrowDown', …). */
export function setViewKeys(keys) {
  viewKeys = keys;
}

function typing(target) {
  return target instanceof HTMLElement
    && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

export function installKeys(app) {
  const help = document.getElementById('help');
  const openHelp = () => {
    if (!help.open) help.showModal();
  };
  document.getElementById('help-button').addEventListener('click', openHelp);
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented || help.open) return;
    if (typing(event.target)) {
      if (event.key === 'Escape') event.target.blur();
      return;
    }
    if (!document.getElementById('top').hidden) {
      if (pendingG) {
        pendingG = false;
        const scope = document.getElementById('scope').value;
        if (event.key === 'a' || event.key === 'i') {
          event.preventDefault();
          app.go(`#/${scope}/${event.key === 'a' ? 'audit-log' : 'insights'}`);
          return;
        }
      }
      if (event.key === 'g') {
        pendingG = true;
        return;
      }
      if (event.key === '?') {
        event.preventDefault();
        openHelp();
        return;
      }
    }
    const handler = viewKeys[event.key];
    if (handler) {
      event.preventDefault();
      handler(event);
    }
  });
}
