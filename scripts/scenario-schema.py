#!/usr/bin/env python3
# Writes scenarios/scenario.schema.json, the JSON Schema (draft 2020-12) of Parley's scenario
# files, for editors (yaml-language-server). The test ScenarioSchemaTests checks it against the
# loader's key catalogue (Sources/Scenarios/ScenarioKeys.swift) and validates every shipped
# scenario with it, so a key added to the loader without a line here fails the suite.
# Usage: scripts/scenario-schema.py   (run from anywhere; rewrites the file)
import json, os

def ref(name): return {"$ref": f"#/$defs/{name}"}
def obj(props, required=(), desc=None):
    o = {"type": "object", "additionalProperties": False, "properties": props}
    if required: o["required"] = list(required)
    if desc: o["description"] = desc
    return o
def d(desc, schema): return dict(schema, description=desc)

STRATEGIES = ["ring_all", "most_experienced", "first_responder", "manual", "longest_idle", "round_robin",
              "least_busy", "fewest_handled", "top_down", "random", "weighted_random"]
CHANNELS = ["live_chat", "whatsapp", "facebook", "sms", "internal"]
TRIGGERS = ["first_message", "out_of_hours", "offline_form", "customer_left_waiting", "missed_contact",
            "session_ended", "resolved", "rating_request", "request_media", "payment_request", "approval_request"]
DISTS = {"exponential": {"mean": "duration"}, "constant": {"value": "duration"},
         "uniform": {"min": "duration", "max": "duration"}, "lognormal": {"mean": "duration", "sd": "duration"},
         "gamma": {"mean": "duration", "sd": "duration"}, "erlang": {"k": "count", "mean": "duration"},
         "weibull": {"shape": "positiveNumber", "scale": "duration"},
         "empirical": {"values": "durationList", "file": "text"}}

defs = {
    "duration": {"description": "A number of seconds, or <number><unit> parts with units ms, s, m, h, d "
                                "from the largest to the smallest: 20s, 4m, 2h, 1h30m, 7d, 1.5h.",
                 "anyOf": [{"type": "number", "minimum": 0},
                           {"type": "string", "pattern": r"^([0-9]+(\.[0-9]+)?d)?([0-9]+(\.[0-9]+)?h)?([0-9]+(\.[0-9]+)?m)?([0-9]+(\.[0-9]+)?s)?([0-9]+(\.[0-9]+)?ms)?$"}]},
    "durationList": {"type": "array", "minItems": 1, "items": ref("duration")},
    "probability": {"type": "number", "minimum": 0, "maximum": 1},
    "positiveNumber": {"type": "number", "exclusiveMinimum": 0},
    "count": {"type": "integer", "minimum": 1},
    "text": {"type": "string"},
    "rate": {"type": "number", "minimum": 0, "description": "Per hour."},
    "distribution": {"description": "{dist: <name>, …} with the parameters of that family (SPEC §3.2).",
                     "oneOf": [obj({"dist": {"const": n}, **{k: ref(v) for k, v in p.items()}},
                                   ["dist"] + ([] if n == "empirical" else list(p)))
                               for n, p in DISTS.items()]},
    "durationOrDistribution": {"anyOf": [ref("duration"), ref("distribution")]},
    "languages": {"type": "array", "items": {"type": "string"}},
    "languageMix": {"type": "object", "additionalProperties": ref("probability"),
                    "description": "Languages and their shares, such as {de: 0.9, en: 0.1}."},

    "topLevel": obj({
        "name": d("The scenario's name, stored with every run.", ref("text")),
        "seed": {"type": "integer", "minimum": 0, "description": "The seed of every random stream."},
        "replications": {"type": "integer", "minimum": 1, "description": "Default 10."},
        "warmup": d("Pre-roll before the measured window; default 0s.", ref("duration")),
        "duration": d("The measured window.", ref("duration")),
        "drain_limit": d("How long chats still in the system may finish after the window; default 24h.", ref("duration")),
        "service_level_threshold": d("Default for queues; default 20s.", ref("duration")),
        "queues": {"type": "array", "minItems": 1, "items": ref("queue")},
        "agents": {"type": "array", "minItems": 1, "items": ref("agentGroup")},
        "customers": {"type": "array", "minItems": 1, "items": ref("customerStream")},
        "start": {"type": "string", "description": "Local date and time of the calendar, such as 2026-11-23T00:00."},
        "interval": d("The bucket of the time series; default 1h.", ref("duration")),
        "calendar": ref("calendar"),
        "company": d("The company's name, for {company} in automatic messages.", ref("text")),
        "busyness": ref("busyness"),
    }, ["name", "seed", "duration", "queues", "agents", "customers"]),
    "queue": obj({
        "id": ref("text"),
        "strategy": {"enum": STRATEGIES},
        "priority": {"type": "integer"},
        "service_level_threshold": ref("duration"),
        "top": d("most_experienced only: how many of the most experienced are rung.", ref("count")),
        "claim": {"enum": ["first_reply", "take"]},
        "take_delay": d("claim: take only: what taking a chat costs before the agent owns it; default 0s.", ref("duration")),
        "inactivity_timeout": d("How long a chat whose customer went silent stays open unanswered.", ref("duration")),
        "calendar": d("This queue's business hours; default the top-level calendar.", ref("calendar")),
        "overflow": d("What happens to a waiting chat, in time order from its queue entry: more agent groups may "
                      "take it (add_groups) or it moves to another queue (to_queue, last).",
                      {"type": "array", "minItems": 1, "items": ref("overflowStep")}),
        "offer_timeout": ref("duration"), "alert_after": ref("duration"), "sticky_wait": ref("duration"),
        "language": ref("text"), "offline_form": {"type": "boolean"}, "post_chat_form": {"type": "boolean"},
        "call_from_chat": d("Owners may start a call from a live or internal chat of this queue (needs a live_chat "
                            "stream into the queue or a group of it with internal_chats); default false.", {"type": "boolean"}),
        "pci": {"enum": ["redact", "drop"]},
        "max_attachment_mb": {"type": "number", "minimum": 0},
        "wrap_up_reasons": {"anyOf": [{"type": "array", "items": {"type": "string"}},
                                      {"type": "object", "additionalProperties": ref("positiveNumber")}],
                            "description": "Reasons (equal weights), or reasons and their weights."},
        "auto_replies": ref("autoReplies"),
        "templates": {"type": "array", "items": ref("template")},
        "targets": ref("targets"),
    }, ["id", "strategy"]),
    "agentGroup": obj({
        "group": ref("text"),
        "count": {"anyOf": [ref("count"), ref("plan")]},
        "capacity": {"anyOf": [ref("count"), ref("channelCapacity")]},
        "speed": ref("positiveNumber"),
        "slowdown": {"type": "array", "items": ref("positiveNumber")},
        "queues": {"type": "array", "minItems": 1, "items": {"type": "string"}},
        "experience": {"type": "integer"}, "weight": {"type": "number", "minimum": 0},
        "languages": ref("languages"),
        "accept_delay": ref("distribution"), "miss_probability": ref("probability"),
        "rona_recovery": ref("distribution"), "unhandled_probability": ref("probability"),
        "after_rona": ref("afterRONA"), "template_use": ref("templateUse"),
        "names": {"type": "array", "minItems": 1, "items": {"type": "string"},
                  "description": "One name per agent of the group, found in transfers; default <group>-<n>."},
        "extensions": {"type": "array", "minItems": 1, "items": {"type": ["string", "integer"]},
                       "description": "One extension per agent of the group, found in transfers; generated when omitted."},
        "transfer_to_agent_probability": ref("probability"), "decline_probability": ref("probability"),
        "conference_leave_probability": ref("probability"), "away_pick_probability": ref("probability"),
        "alert_reaction": d("How soon an available member reacts to an unanswered alert.", ref("distribution")),
        "requests": ref("requests"),
        "shifts": {"type": "array", "items": {"type": "string"}, "description": "Such as \"mon-fri 08:00-16:00\"."},
        "away": ref("away"), "wrap_up": ref("distribution"),
        "transfer_probability": ref("probability"), "transfer_queue": ref("text"),
        "conference_probability": ref("probability"), "conference_time": ref("distribution"),
        "staffable": ref("staffable"), "cost_per_hour": {"type": "number", "minimum": 0},
        "shift_rules": ref("shiftRules"),
        "ticket_probability": d("Share of chats whose owner creates a request (ticket) from them on accepting; "
                                "needs ticket_time.", ref("probability")),
        "ticket_time": d("How long writing a request takes the owner; added to the chat's work.", ref("distribution")),
        "call_probability": d("Share of live chats of queues with call_from_chat whose owner starts a call; "
                              "needs call_time.", ref("probability")),
        "call_time": d("How long a call from a chat lasts; the chat and its slot stay busy.", ref("distribution")),
        "internal_chats": ref("internalChats"),
    }, ["group", "count", "queues"]),
    "customerStream": obj({
        "id": ref("text"), "channel": {"enum": CHANNELS}, "queue": ref("text"),
        "arrivals": ref("arrivals"),
        "patience": {"anyOf": [ref("distribution"), {"type": "null"}], "description": "Omit or null for infinitely patient customers."},
        "handle_time": ref("distribution"),
        "languages": ref("languageMix"),
        "return": ref("returns"),
        "ends_chat_probability": ref("probability"),
        "inactivity": ref("inactivity"),
        "retrial": ref("retrial"),
        "bot": ref("bot"), "card_number_probability": ref("probability"),
        "attachments": ref("attachments"), "abusive_probability": ref("probability"),
        "block_expiry": d("How long an agent's block on an abusive visitor lasts; default for good.", ref("duration")),
        "shared_ip_probability": d("Share of visitors behind one shared proxy address; blocks are then by visitor id "
                                   "and IP, so a block also rejects innocent visitors behind the proxy.", ref("probability")),
        "unknown_contact_probability": d("whatsapp only: share of first-time senders not in the address book.",
                                         ref("probability")),
        "unknown_contact_actions": ref("unknownContactActions"),
        "holiday_factor": {"type": "number", "minimum": 0},
        "out_of_hours_ticket_probability": d("live_chat only, queue with a calendar: share of visitors finding the queue "
                                             "closed who create a web or app ticket instead (it gets the out_of_hours message).",
                                             ref("probability")),
    }, ["id", "channel", "queue", "arrivals", "handle_time"]),
    "busyness": obj({"cv": d("The multiplier's coefficient of variation (0 to 3).", {"type": "number", "minimum": 0, "maximum": 3}),
                     "per": {"enum": ["replication", "day"], "description": "How often the multiplier is drawn; default replication."}},
                    ["cv"], "Forecast uncertainty: a gamma multiplier, mean 1, on every arrival rate."),
    "overflowStep": obj({"after": d("Time since the chat's queue entry.", ref("duration")),
                         "add_groups": d("Agent groups that may take the chat from then on.",
                                         {"type": "array", "minItems": 1, "items": ref("text")}),
                         "to_queue": d("The queue the chat moves to, keeping its queue-entry time.", ref("text"))},
                        ["after"], "One overflow step: exactly one of add_groups and to_queue."),
    "retrial": obj({"probability": ref("probability"), "after": ref("distribution"),
                    "max_attempts": d("The most attempts of a customer, the first included; default no limit.", ref("count"))},
                   ["probability", "after"],
                   "Customers who abandon or leave the chatbot try again after `after` with `probability`."),
    "unknownContactActions": obj({"add": ref("probability"), "reply": ref("probability"), "ignore": ref("probability")},
                                 desc="What agents do with an unknown sender's chat: shares summing to 1."),
    "inactivity": obj({"probability": ref("probability"), "after": ref("distribution")}, ["probability", "after"]),
    "requests": obj({"media": ref("probability"), "payment": ref("probability"), "approval": ref("probability"),
                     "response": ref("distribution")}, ["response"]),
    "internalChats": obj({"probability": d("Share of chats whose owner consults a colleague of its queues in an internal "
                                           "chat on accepting them.", ref("probability")),
                          "time": d("How long the internal chat takes the owner; added to the chat's work.",
                                    ref("distribution"))},
                         ["probability", "time"],
                         "Internal (agent-to-agent) chats: never queued, never handled, no automatic messages; "
                         "counted as internal_chats."),
    "templateUse": obj({"probability": ref("probability"), "saves": ref("distribution"),
                        "search_probability": d("Share of uses whose template the agent finds by searching the "
                                                "templates' text instead of listing the category; counted as "
                                                "template_searches.", ref("probability"))},
                       ["probability", "saves"]),
    "afterRONA": obj({"available": ref("probability"), "away": ref("probability"), "for": ref("durationOrDistribution")}),
    "returns": obj({"probability": ref("probability"), "after": ref("distribution"),
                    "history_saves": d("The work a returning customer's contact history saves its agent; with it the "
                                       "history is kept, handled chats archived and unarchived on re-contact.",
                                       ref("distribution")),
                    "delete_probability": d("Share of handled chats of returning customers their agent deletes "
                                            "permanently: gone from the archive and the contact history; needs "
                                            "history_saves.", ref("probability"))}, ["probability", "after"]),
    "channelCapacity": obj({c: ref("count") for c in ["live_chat", "whatsapp", "facebook", "sms", "total"]}),
    "arrivals": obj({"rate_per_hour": ref("rate"), "profile": ref("profile"),
                     "trace": d("A CSV file of arrival times, relative to the scenario.", ref("text"))}),
    "profile": obj({"interval": ref("duration"), "rates_per_hour": {"type": "array", "items": ref("rate")}},
                   ["interval", "rates_per_hour"]),
    "plan": obj({"interval": ref("duration"), "values": {"type": "array", "items": {"type": "integer", "minimum": 0}}},
                ["interval", "values"]),
    "away": obj({"every": ref("duration"), "for": ref("durationOrDistribution"), "rate_per_hour": ref("rate")}, ["for"]),
    "targets": obj({"service_level": ref("probability"), "abandon_rate": ref("probability"), "asa": ref("duration")}),
    "staffable": obj({"min": {"type": "integer", "minimum": 0}, "max": ref("count")}, ["max"]),
    "shiftRules": obj({"lengths": {"type": "array", "minItems": 1, "items": ref("duration")},
                       "starts": ref("shiftStarts"),
                       "days": {"type": "string", "description": "Days a shift may start, such as mon-fri, sat,sun or daily."},
                       "breaks": {"type": "array", "items": ref("shiftBreak")},
                       "max_shifts_per_week": {"type": "integer", "minimum": 1, "maximum": 7}},
                      ["lengths", "starts"]),
    "shiftStarts": obj({"from": {"type": "string", "pattern": "^[0-9]{1,2}:[0-9]{2}$"},
                        "to": {"type": "string", "pattern": "^[0-9]{1,2}:[0-9]{2}$"},
                        "every": ref("duration")}, ["every"]),
    "shiftBreak": obj({"length": ref("duration"), "after": ref("breakWindow")}, ["length", "after"]),
    "breakWindow": obj({"min": ref("duration"), "max": ref("duration")}, ["min", "max"]),
    "calendar": obj({"timezone": ref("text"),
                     "hours": {"type": "object", "additionalProperties": {"type": "string"},
                               "description": "Days to hours, such as {mon-fri: \"08:00-20:00\"}."},
                     "holidays": {"type": "array", "items": {"type": ["string"]}}}, ["hours"]),
    "autoReplies": obj({t: ref("autoReply") for t in TRIGGERS}),
    "autoReply": obj({"text": ref("text"), "enabled": {"type": "boolean"}, "create_ticket": {"type": "boolean"}}, ["text"]),
    "template": obj({"category": ref("text"), "language": ref("text"), "text": ref("text")}, ["category", "language", "text"]),
    "bot": obj({"deflection": ref("probability"), "time": ref("distribution"), "patience": ref("distribution"),
                "transcript_saves": ref("distribution")},
               ["deflection", "time"]),
    "attachments": obj({"probability": ref("probability"), "types": ref("languageMix"), "size_mb": ref("distribution")},
                       ["probability", "types"]),
}
defs["attachments"]["properties"]["types"] = {"type": "object", "additionalProperties": ref("probability"),
                                              "description": "File types and their shares, such as {pdf: 0.5, png: 0.5}."}
schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
          "$id": "https://parley.invalid/scenario.schema.json",
          "title": "Parley scenario",
          "description": "A Parley scenario file (SPEC §3). The loader's own checks are stricter "
                         "(ranges, references between sections); `parley validate FILE` runs them.",
          "$ref": "#/$defs/topLevel", "$defs": defs}
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
with open(os.path.join(root, "scenarios", "scenario.schema.json"), "w") as f:
    json.dump(schema, f, indent=2, ensure_ascii=False)
    f.write("\n")
