/**
 * Notices the recipient's own mail system adds to mail from outside: a warning banner above the
 * body ("CAUTION: This email originated from outside of the organization…", Microsoft's "You
 * don't often get email from …" tip, "[EXTERNAL] …") and a scanning note below it. They are
 * neither LinkedIn's frame nor the inviter's note, and a note never reads like one. Whole lines
 * only, in the wording these systems use by default (administrators may change it: the learned
 * frame takes what recurs in every mail).
 */
const NOTICES = [
  /^caution:? this (?:e-?mail|message) (?:originated|came|was sent) from outside (?:of )?(?:the|your|our) (?:organi[sz]ation|company)\b/i,
  /^you don'?t often get (?:e-?mail|messages) from \S+\.? learn why this is important\.?$/i,
  /^\[?external(?: e-?mail| sender| message)?\]?:? (?:this (?:e-?mail|message) (?:came|originated|was sent) from|use caution|be careful|do not click)\b/i,
  /^this (?:e-?mail|message) has been scanned for (?:viruses|malware|spam)\b/i,
  // "This email has been scanned by the Symantec Email Security.cloud service.", "Scanned by the
  // Corp mail gateway. Report suspicious mail to …": the scanner names itself, and the sentence
  // ends with what it is (case matters here: the next sentence starts with a capital).
  /^(?:[Tt]his (?:e-?mail|message) (?:has been|was) scanned|[Ss]canned) by (?:the )?\S+(?: \S+){0,4} (?:[Gg]ateway|[Ss]ecurity|[Ss]ervice|[Aa]nti-?[Vv]irus|[Ss]canner)(?:\.\s+[A-Z]|\.?$)/,
];
/** A notice is a sentence or three: anything longer is not one. */
const MAX_NOTICE = 400;

export function isGatewayNotice(line: string): boolean {
  return line.length <= MAX_NOTICE && NOTICES.some((notice) => notice.test(line));
}
