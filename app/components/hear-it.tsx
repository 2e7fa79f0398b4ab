// "Hear it": the browser says a glossary term aloud (Web Speech API speech synthesis), for
// pronunciation. Rendered only after hydration and only where the browser can speak, so no
// page shows a button that does nothing.
import { useEffect, useState } from "react";

/** What to say for a term: word parts are written "-itis" or "cardi/o"; say "itis", "cardio". */
export function spokenForm(term: string): string {
  return term
    .replace(/(^|\s)-(?=\w)/g, "$1")
    .replace(/(?<=\w)-(\s|$)/g, "$1")
    .replace(/\//g, "");
}

export function HearIt({ term }: { term: string }) {
  const [canSpeak, setCanSpeak] = useState(false);
  useEffect(() => setCanSpeak("speechSynthesis" in window && typeof SpeechSynthesisUtterance === "function"), []);
  if (!canSpeak) return null;
  const say = () => {
    window.speechSynthesis.cancel();
    const utterance = new SpeechSynthesisUtterance(spokenForm(term));
    utterance.lang = "en-US";
    utterance.rate = 0.85;
    window.speechSynthesis.speak(utterance);
  };
  return (
    <button type="button" className="btn-secondary" onClick={say} aria-label={`Hear it: ${term}`}>
      <span aria-hidden="true">🔊 </span>Hear it
    </button>
  );
}
