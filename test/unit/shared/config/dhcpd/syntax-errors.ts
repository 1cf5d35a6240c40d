import { seedConf } from './fixtures.js';

/** Broken texts, each with the one diagnostic (`line:column message`) the parser gives for it. */
export const syntaxErrors: { title: string; text: string; expected: string }[] = [
  {
    title: "a missing ';' at the end of a line",
    text: seedConf.replace('hardware ethernet 00:E0:06:E8:00:84;', 'hardware ethernet 00:E0:06:E8:00:84'),
    expected: "34:36 expected ';' after 'hardware ethernet 00:E0:06:E8:00:84'",
  },
  {
    title: "a missing ';' inside a line",
    text: 'host a {\n  fixed-address 192.168.0.1 filename "pxelinux.0";\n}\n',
    expected: "2:28 expected ';' after 'fixed-address 192.168.0.1'",
  },
  {
    title: "a missing ';' before a '}'",
    text: 'host a {\n  fixed-address 192.168.0.1\n}\n',
    expected: "2:28 expected ';' after 'fixed-address 192.168.0.1'",
  },
  {
    title: "a '{' never closed",
    text: seedConf.replace(/\}\n$/, ''),
    expected: "29:7 '{' never closed (opened at line 29)",
  },
  {
    title: 'an unterminated string',
    text: 'host a {\n  filename "pxelinux.0;\n  fixed-address 192.168.0.1;\n}\n',
    expected: '2:12 unterminated string',
  },
  {
    title: "an unbalanced '}'",
    text: 'host a {\n  fixed-address 192.168.0.1;\n}\n}\n',
    expected: "4:1 unbalanced '}'",
  },
  {
    title: "an 'if' without its '{'",
    text: 'if exists user-class;\n',
    expected: "1:21 expected '{' after 'if exists user-class'",
  },
  {
    title: "an 'else' without an 'if'",
    text: 'else { filename "pxelinux.0"; }\n',
    expected: "1:1 'else' without an 'if' before it",
  },
  {
    title: "an expression missing a ')'",
    text: 'if substring (option vendor-class-identifier, 0, 9 = "PXEClient" { filename "a"; }\n',
    expected: "1:65 expected ')' to close the '(' at line 1, column 14",
  },
  {
    title: 'a character dhcpd has no use for',
    text: 'host a {\n  fixed-address 192.168.0.1 @;\n}\n',
    expected: "2:29 unexpected character '@'",
  },
];
