"""``stack completion bash|zsh``: shell completion scripts built from the command table."""

from __future__ import annotations

import argparse

from stackclient.shell import _registry
from stackclient.shell._base import Command

__all__ = ["Completion", "script"]

_BASH = """# bash completion for stack; load with: source <(stack completion bash)
_stack_complete() {
    local cur words
    cur="${COMP_WORDS[COMP_CWORD]}"
    words=()
    local w
    for w in "${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
        [[ $w == -* ]] || words+=("$w")
    done
    case ${#words[@]} in
        0) COMPREPLY=($(compgen -W "%(resources)s" -- "$cur")) ;;
        1) case ${words[0]} in
%(verbs)s
           esac ;;
        *) COMPREPLY=($(compgen -W "--help --format --column --debug" -- "$cur")) ;;
    esac
}
complete -F _stack_complete stack
"""

_ZSH = """#compdef stack
# zsh completion for stack; load with: source <(stack completion zsh)
_stack() {
    local -a words_no_opts
    words_no_opts=(${words[2,CURRENT-1]:#-*})
    case ${#words_no_opts} in
        0) compadd -- %(resources)s ;;
        1) case ${words_no_opts[1]} in
%(verbs)s
           esac ;;
        *) compadd -- --help --format --column --debug ;;
    esac
}
compdef _stack stack
"""


def script(shell: str) -> str:
    """The completion script for ``bash`` or ``zsh``."""
    resources = " ".join(_registry.GROUPS)
    if shell == "bash":
        line = '            %s) COMPREPLY=($(compgen -W "%s" -- "$cur")) ;;'
    else:
        line = "            %s) compadd -- %s ;;"
    verbs = "\n".join(
        line % (name, " ".join(_registry.verbs_of(name))) for name in _registry.GROUPS
    )
    template = _BASH if shell == "bash" else _ZSH
    return template % {"resources": resources, "verbs": verbs}


class Completion(Command):
    """Print the completion script for the shell named by the verb."""

    def take_action(self, ctx: object, args: argparse.Namespace) -> None:
        print(script(args.verb), end="")
