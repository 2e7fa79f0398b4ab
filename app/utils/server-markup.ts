import { createContext, useContext, type ReactElement } from "react";

// On the server, entry.server.tsx provides react-dom's renderToStaticMarkup here; in the browser
// there is none. React's streaming renderer encodes every tag and attribute on its own, so a long
// run of plain markup (the exam's question grid, twice on every exam page) costs about four times
// as much through it as rendered to one string. The browser hydrates the same elements from that
// HTML, as if React had streamed it.
export const ServerMarkupContext = createContext<((element: ReactElement) => string) | null>(null);
export const useServerMarkup = () => useContext(ServerMarkupContext);
