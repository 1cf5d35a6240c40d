/**
 * xterm.js's DOM renderer colours and sizes its rows with <style> elements, which the console's
 * strict CSP (style-src 'self') refuses to apply. Their text is mirrored into constructed
 * stylesheets, which CSP allows, so the policy stays strict.
 */
export function mirrorStyleElements(root: HTMLElement): () => void {
  const sheets = new Map<HTMLStyleElement, CSSStyleSheet>();
  const adopt = () => {
    const mine = new Set(sheets.values());
    const others = document.adoptedStyleSheets.filter((sheet) => !mine.has(sheet));
    for (const style of root.querySelectorAll('style')) {
      const sheet = sheets.get(style) ?? new CSSStyleSheet();
      sheets.set(style, sheet);
      sheet.replaceSync(style.textContent);
    }
    document.adoptedStyleSheets = [...others, ...sheets.values()];
  };
  const touchesStyle = (record: MutationRecord) =>
    record.target.nodeName === 'STYLE' ||
    record.target.parentNode?.nodeName === 'STYLE' ||
    [...record.addedNodes].some((node) => node.nodeName === 'STYLE');
  const observer = new MutationObserver((records) => {
    if (records.some(touchesStyle)) adopt();
  });
  observer.observe(root, { subtree: true, childList: true, characterData: true });
  return () => {
    observer.disconnect();
    const mine = new Set(sheets.values());
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((sheet) => !mine.has(sheet));
  };
}
