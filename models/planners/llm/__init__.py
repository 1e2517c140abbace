"""The LLM planner: any OpenAI-compatible chat endpoint writes the plan, constrained to the plan's JSON schema.

    planner  the pipeline of calls, and the fallback   config    what to call (LLMConfig)
    client   one streamed chat call, answer formats     route     the modality call
    material condensing long documents, fitting data    outline   long decks: outline, then slides in parallel
    ask      check an answer, one repair round          jsontext  the JSON inside a chatty or broken answer
    quality  valid plans that would render badly        schema    the plan schema as the model sees it
    budget   token estimates and splitting

The prompts are templates in models/prompts/.
"""

from __future__ import annotations

from .client import ChatClient, LLMUnavailable
from .config import LLMConfig
from .planner import LLMPlanner

__all__ = ["ChatClient", "LLMConfig", "LLMPlanner", "LLMUnavailable"]
