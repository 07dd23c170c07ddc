/** The replay command's copy button, and opening a scenario linked from the summary (#scenario-N). */
export const VIEWER_COPY_JS = `
function setupCopy(button) {
  button.addEventListener('click', () => {
    const code = button.parentElement.querySelector('code');
    const done = (text) => { button.textContent = text; };
    const fallback = () => {
      const range = document.createRange(); range.selectNodeContents(code);
      const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
      done(document.execCommand && document.execCommand('copy') ? 'copied' : 'selected — press Ctrl+C');
    };
    // The Clipboard API is refused on file:// in some browsers; selecting the text still lets the user copy it.
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(code.textContent).then(() => done('copied'), fallback);
    else fallback();
  });
}

function openFromHash() {
  const target = location.hash && document.getElementById(location.hash.slice(1));
  if (target && target.tagName === 'DETAILS') target.open = true;
}
`;
