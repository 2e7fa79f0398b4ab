import { createContext, useContext } from "react";

// True while the page renders on the server (entry.server.tsx provides it; in the browser there is
// none). React's server renderer encodes every tag and attribute on its own, so a long run of plain
// markup (the exam's question grid, twice on every exam page) is cheaper written as one string
// there. The browser hydrates the same elements from that HTML, as if React had rendered it.
export const ServerRenderContext = createContext(false);
export const useServerRender = () => useContext(ServerRenderContext);
