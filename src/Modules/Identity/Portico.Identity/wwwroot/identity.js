// Browser helpers of the identity pages, loaded as a module (CSP: own scripts only).
// Sign-in with an outside provider: the state (and OpenID nonce) stay in this tab's sessionStorage until the provider answers.
export function beginExternal(saved, url) {
  sessionStorage.setItem("portico.external", JSON.stringify(saved));
  location.assign(url);
}

export function takeExternal() {
  const saved = sessionStorage.getItem("portico.external");
  sessionStorage.removeItem("portico.external");
  return saved ? JSON.parse(saved) : null;
}

// Saves generated text (the personal-data export) as a file.
export function saveText(fileName, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// Leaves the page that carried a secret in its address (a reset code, a provider's token) without keeping it in history.
export function forgetAddress(path) {
  history.replaceState(null, "", path);
}
