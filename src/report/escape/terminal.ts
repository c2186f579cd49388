// Report stage: makes text from an evidence file safe to print on a terminal (CWE-150).
// Removes ANSI/ECMA-48 escape sequences (CSI, OSC including OSC 8 links and title changes, DCS/APC/PM/SOS
// strings), every other C0/C1 control and DEL, and Unicode bidirectional overrides that could reorder
// what a reader sees. Line breaks and tabs become spaces so one value stays on one line of a table.
const ESCAPE_SEQUENCE =
  /\u001b(?:\[[0-?]*[ -/]*[@-~]|[\]PX^_][\s\S]*?(?:\u0007|\u001b\\|\u009c|$)|[@-Z\\-_])|\u009b[0-?]*[ -/]*[@-~]|[\u0090\u0098\u009d\u009e\u009f][\s\S]*?(?:\u0007|\u001b\\|\u009c|$)/g;
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function cleanForTerminal(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(/[\t\n\r]+/g, ' ').replace(CONTROL, '');
}

/** The same, but tab, LF and CR stay, for a format that escapes those itself (GitHub's workflow commands). */
export function stripTerminalControls(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(CONTROL_BUT_LINES, '');
}
