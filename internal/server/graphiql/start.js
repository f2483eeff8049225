// Starts GraphiQL on the page's #graphiql element. It is a file of its own,
// not an inline script, so that the page's Content-Security-Policy can
// allow scripts from this origin only.
(function () {
  'use strict';
  var root = document.getElementById('graphiql');
  // The nonce the page's CSP allows styles with: GraphiQL's dialogs
  // (react-remove-scroll) give it to the style element they add.
  window.__webpack_nonce__ = root.dataset.styleNonce;
  var endpoint = new URL(root.dataset.endpoint, location.href).toString();
  var headers = root.dataset.headers || undefined;
  // The fetcher carries the prefilled headers too: GraphiQL asks for the
  // schema before its header editor is mounted, and without the token that
  // introspection is refused (401), leaving no docs or completion. Headers
  // typed in the editor still win over these.
  ReactDOM.createRoot(root).render(
    React.createElement(GraphiQL, {
      fetcher: GraphiQL.createFetcher({ url: endpoint, headers: headers ? JSON.parse(headers) : undefined }),
      headers: headers,
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: true,
      inputValueDeprecation: true,
    })
  );
})();
