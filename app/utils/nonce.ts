import { createContext, useContext } from "react";

// The CSP nonce for inline scripts; undefined in the browser after hydration (it is not needed).
export const NonceContext = createContext<string | undefined>(undefined);
export const useNonce = () => useContext(NonceContext);
