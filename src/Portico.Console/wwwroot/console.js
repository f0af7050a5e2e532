// The console's small browser helpers: theme memory, posting a sign-in ticket, copying text, downloads.
window.portico = {
  getTheme: () => localStorage.getItem("portico.theme"),
  setTheme: (theme) => localStorage.setItem("portico.theme", theme),
  // The circuit cannot set cookies: the sign-in page hands its ticket to /console/session in a real form post.
  postForm: (action, fields) => {
    const form = document.createElement("form");
    form.method = "post";
    form.action = action;
    for (const [name, value] of Object.entries(fields)) {
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.value = value ?? "";
      form.appendChild(input);
    }
    document.body.appendChild(form);
    form.submit();
  },
  copy: (text) => navigator.clipboard.writeText(text),
  download: (url) => { const a = document.createElement("a"); a.href = url; a.download = ""; document.body.appendChild(a); a.click(); a.remove(); },
};

// Blazor starts here (autostart="false" in App.razor) to wait 60 s, not 30, for the server before calling the connection
// lost: a busy server sends its pings late. The server waits as long for the browser (ConsoleSetup).
Blazor.start({
  circuit: {
    configureSignalR: (builder) => builder.withServerTimeout(60000).withKeepAliveInterval(15000),
  },
});
