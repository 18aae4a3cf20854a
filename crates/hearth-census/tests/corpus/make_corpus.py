#!/usr/bin/env python3
"""Writes the CIN census agreement corpus (plain Python, no pandas): run it from anywhere and
commit what it writes next to it.

- valid_*.xml: whole returns whose children walk every pathway (referral NFA, assessment then
  closure RC8, assessment then CIN plan, S47 with ICPCnotRequired, S47 then ICPC then CP plan with
  reviews then CIN plan, open cases, two episodes, an unborn child, a child who died). Neither the
  public DfE validator nor Hearth may find anything in them.
- break_<CODE>.xml: the 2025-26 valid return with one change that breaks rule CODE for the child
  named in the file's leading comment (other findings the change brings with it are compared too).
- hostile/*.xml: files the reader must refuse or report on without panicking.

Dates are ISO, flags 1/0, and `Sex` (M/F/U) is written, as the 2024-25 and later schema has it.
"""

import copy
import datetime as dt
from pathlib import Path

HERE = Path(__file__).resolve().parent
D = dt.date
LEA = "330"

# --------------------------------------------------------------------------------------------
# Identifiers


def upn(la, estab, serial, la_override=None):
    """A UPN with a correct check letter: LA code, 4-digit establishment, 5-digit serial."""
    digits = f"{la_override or la}{estab:04d}{serial:05d}"
    assert len(digits) == 12 and digits.isdigit()
    total = sum(int(digits[i - 1]) * (i + 1) for i in range(1, 13))
    return "ABCDEFGHJKLMNPQRTUVWXYZ"[total % 23] + digits


def wrong_check(u):
    letters = "ABCDEFGHJKLMNPQRTUVWXYZ"
    return letters[(letters.index(u[0]) + 1) % 23] + u[1:]


# --------------------------------------------------------------------------------------------
# The children of the 2025-26 valid return (reference date 2026-03-31). Keys are written in the
# order given; a None value is left out, "" writes an empty element.


def ident(la_id, birth=None, sex="M", u=None, unknown=None, former=None, expected=None, death=None):
    return {
        "LAchildID": la_id,
        "UPN": u,
        "FormerUPN": former,
        "UPNunknown": unknown,
        "PersonBirthDate": birth,
        "ExpectedPersonBirthDate": expected,
        "Sex": sex,
        "PersonDeathDate": death,
    }


def episode(referral, source, need, nfa="0", closure=None, reason=None, icpc=None):
    return {
        "CINreferralDate": referral,
        "ReferralSource": source,
        "PrimaryNeedCode": need,
        "CINclosureDate": closure,
        "ReasonForClosure": reason,
        "DateOfInitialCPC": icpc,
        "ReferralNFA": nfa,
        "assessments": [],
        "cin_plans": [],
        "s47s": [],
        "cp_plans": [],
    }


def assessment(start, end=None, factors=(), review=None):
    return {
        "AssessmentActualStartDate": start,
        "AssessmentInternalReviewDate": review,
        "AssessmentAuthorisationDate": end,
        "factors": list(factors),
    }


def cin_plan(start, end=None):
    return {"CINPlanStartDate": start, "CINPlanEndDate": end}


def s47(start, target=None, icpc=None, not_required="0"):
    return {
        "S47ActualStartDate": start,
        "InitialCPCtarget": target,
        "DateOfInitialCPC": icpc,
        "ICPCnotRequired": not_required,
    }


def cp_plan(start, end=None, initial="NEG", latest="NEG", previous="0", reviews=()):
    return {
        "CPPstartDate": start,
        "CPPendDate": end,
        "InitialCategoryOfAbuse": initial,
        "LatestCategoryOfAbuse": latest,
        "NumberOfPreviousCPP": previous,
        "reviews": list(reviews),
    }


def child(identifiers, ethnicity, disabilities, episodes):
    return {
        "ids": identifiers,
        "ethnicity": ethnicity,
        "disabilities": list(disabilities),
        "episodes": list(episodes),
    }


def base_children():
    """The 2025-26 valid return: twelve children, one per pathway."""
    cs = []

    # CH01: a referral with no further action, closed the day it came in.
    e = episode(D(2025, 6, 10), "1A", None, nfa="1", closure=D(2025, 6, 10), reason="RC7")
    cs.append(child(ident("CH01", D(2015, 5, 12), "F", upn(LEA, 2001, 101)), "WBRI", ["NONE"], [e]))

    # CH02: assessed, then closed after the assessment with no further action (RC8).
    e = episode(D(2025, 5, 6), "5A", "N1", closure=D(2025, 6, 20), reason="RC8")
    e["assessments"].append(assessment(D(2025, 5, 7), D(2025, 6, 20), ["4B", "3A"]))
    cs.append(child(ident("CH02", D(2012, 9, 3), "M", upn(LEA, 2001, 102)), "ABAN", ["MOB", "HAND"], [e]))

    # CH03: assessed, then an open CIN plan.
    e = episode(D(2025, 7, 1), "3A", "N2")
    e["assessments"].append(assessment(D(2025, 7, 2), D(2025, 8, 12), ["2B", "16A"]))
    e["cin_plans"].append(cin_plan(D(2025, 8, 13)))
    cs.append(child(ident("CH03", D(2010, 1, 15), "F", upn(LEA, 2001, 103)), "BAFR", ["PC", "INC"], [e]))

    # CH04: S47 enquiry that needed no conference; services ceased (RC7).
    e = episode(D(2025, 9, 1), "5B", "N1", closure=D(2025, 10, 31), reason="RC7")
    e["assessments"].append(assessment(D(2025, 9, 2), D(2025, 10, 10), ["18B"]))
    e["s47s"].append(s47(D(2025, 9, 3), D(2025, 9, 24), None, "1"))
    cs.append(child(ident("CH04", D(2014, 11, 20), "M", upn(LEA, 2001, 104)), "MWBC", ["COMM", "LD"], [e]))

    # CH05: S47, conference, CP plan with reviews (several in one <Reviews>), then a CIN plan.
    e = episode(D(2025, 4, 22), "1C", "N1")
    e["assessments"].append(assessment(D(2025, 4, 23), D(2025, 5, 30), ["3A", "17A"]))
    e["s47s"].append(s47(D(2025, 4, 24), D(2025, 5, 16), D(2025, 5, 15), "0"))
    e["cp_plans"].append(
        cp_plan(D(2025, 5, 15), D(2025, 11, 20), "EMO", "EMO", "0", [D(2025, 8, 7), D(2025, 11, 6)])
    )
    e["cin_plans"].append(cin_plan(D(2025, 11, 20)))
    cs.append(child(ident("CH05", D(2018, 2, 14), "F", upn(LEA, 2001, 105)), "CHNE", ["HEAR", "VIS"], [e]))

    # CH06: open case referred last year, CIN plan continuing.
    # (Its assessment ended last year, so it is not in this year's return.)
    e = episode(D(2025, 2, 10), "2A", "N3")
    e["cin_plans"].append(cin_plan(D(2025, 3, 21)))
    cs.append(child(ident("CH06", D(2008, 6, 30), "M", upn(LEA, 2001, 106)), "MWAS", ["BEH", "AUT"], [e]))

    # CH07: two episodes: one closed after a CIN plan, then a new referral with an open plan.
    e1 = episode(D(2025, 4, 8), "2B", "N3", closure=D(2025, 9, 30), reason="RC7")
    e1["assessments"].append(assessment(D(2025, 4, 9), D(2025, 5, 20), ["1B"]))
    e1["cin_plans"].append(cin_plan(D(2025, 5, 21), D(2025, 9, 30)))
    e2 = episode(D(2025, 12, 2), "4", "N3")
    e2["assessments"].append(assessment(D(2025, 12, 3), D(2026, 1, 16), ["10A", "11A"]))
    e2["cin_plans"].append(cin_plan(D(2026, 1, 19)))
    cs.append(
        child(
            ident("CH07", D(2011, 3, 3), "M", upn(LEA, 2001, 107), former=upn(LEA, 3005, 7)),
            "WIRI",
            ["CON", "DDA"],
            [e1, e2],
        )
    )

    # CH08: an unborn child (Sex U, expected birth date, no UPN yet).
    e = episode(D(2026, 1, 13), "3D", "N1")
    e["assessments"].append(assessment(D(2026, 1, 14), D(2026, 2, 20), ["2B", "3B"]))
    e["cin_plans"].append(cin_plan(D(2026, 2, 23)))
    cs.append(child(ident("CH08", None, "U", None, "UN1", expected=D(2026, 5, 20)), "NOBT", ["NONE"], [e]))

    # CH09: a child who died; the episode closed RC2 the day of death.
    e = episode(D(2025, 8, 5), "3E", "N1", closure=D(2025, 10, 14), reason="RC2")
    e["assessments"].append(assessment(D(2025, 8, 6), D(2025, 9, 10), ["6B"]))
    e["cin_plans"].append(cin_plan(D(2025, 9, 11), D(2025, 10, 14)))
    cs.append(
        child(ident("CH09", D(2019, 7, 7), "M", upn(LEA, 2001, 109), death=D(2025, 10, 14)), "WOTH", ["NONE"], [e])
    )

    # CH10: referred near year end: assessment and S47 under way, conference not yet held.
    e = episode(D(2026, 3, 23), "1D", "N1")
    e["assessments"].append(assessment(D(2026, 3, 24)))
    e["s47s"].append(s47(D(2026, 3, 25), D(2026, 4, 17)))
    cs.append(child(ident("CH10", D(2016, 10, 10), "F", upn(LEA, 2001, 110)), "APKN", ["MOB", "COMM", "LD"], [e]))

    # CH11: an open CP plan (a previous plan before), one review so far.
    e = episode(D(2025, 10, 6), "2A", "N1")
    e["assessments"].append(assessment(D(2025, 10, 7), D(2025, 11, 14), ["4B", "16A"]))
    e["s47s"].append(s47(D(2025, 10, 8), D(2025, 10, 29), D(2025, 10, 28), "0"))
    e["cp_plans"].append(cp_plan(D(2025, 10, 28), None, "NEG", "NEG", "1", [D(2026, 1, 20)]))
    cs.append(child(ident("CH11", D(2013, 12, 1), "M", upn(LEA, 2001, 111)), "BCRB", ["VIS", "HEAR"], [e]))

    # CH12: school age without a UPN (reason UN2), assessed and on an open CIN plan.
    e = episode(D(2025, 11, 3), "6", "N5")
    e["assessments"].append(assessment(D(2025, 11, 4), D(2025, 12, 12), ["8B", "24A"]))
    e["cin_plans"].append(cin_plan(D(2025, 12, 15)))
    cs.append(child(ident("CH12", D(2009, 4, 18), "F", None, "UN2"), "OOTH", ["AUT", "LD"], [e]))

    cs += no_disability_children("CH1", 3)
    return cs


def no_disability_children(prefix, first):
    """Five children with no disability (the public validator's 2887Q counts the children with
    disability NONE, not the codes used: fewer than eight NONE rows and it fires)."""
    cs = []
    n = iter(range(first, first + 5))

    def ids(birth, sex):
        k = next(n)
        return ident(f"{prefix}{k}", birth, sex, upn(LEA, 2009, 300 + k if prefix == "CH1" else 400 + k))

    e = episode(D(2025, 7, 14), "1B", None, nfa="1", closure=D(2025, 7, 14), reason="RC7")
    cs.append(child(ids(D(2016, 1, 5), "M"), "WBRI", ["NONE"], [e]))
    e = episode(D(2025, 9, 8), "3C", "N2", closure=D(2025, 10, 17), reason="RC8")
    e["assessments"].append(assessment(D(2025, 9, 9), D(2025, 10, 17), ["20"]))
    cs.append(child(ids(D(2012, 5, 5), "F"), "WOTH", ["NONE"], [e]))
    e = episode(D(2026, 3, 13), "2B", "N1")
    e["assessments"].append(assessment(D(2026, 3, 16)))
    cs.append(child(ids(D(2020, 7, 1), "M"), "MWBA", ["NONE"], [e]))
    e = episode(D(2025, 5, 12), "6", "N4", closure=D(2025, 12, 5), reason="RC7")
    e["assessments"].append(assessment(D(2025, 5, 13), D(2025, 6, 24), ["4B"]))
    e["cin_plans"].append(cin_plan(D(2025, 6, 25), D(2025, 12, 5)))
    cs.append(child(ids(D(2007, 12, 24), "F"), "BCRB", ["NONE"], [e]))
    e = episode(D(2025, 8, 18), "4", "N9", closure=D(2025, 9, 26), reason="RC9")
    e["assessments"].append(assessment(D(2025, 8, 19), D(2025, 9, 26), ["21"]))
    cs.append(child(ids(D(2013, 3, 30), "M"), "APKN", ["NONE"], [e]))
    return cs


def extra_children():
    """More children for the second 2025-26 return: other codes and shapes, same rules."""
    cs = []
    # CH21: two CP plans in the year (the first ended), each from its own conference; the
    # second conference is recorded at the episode level.
    e = episode(D(2025, 4, 14), "1B", "N1", closure=D(2026, 2, 27), reason="RC3")
    e["assessments"].append(assessment(D(2025, 4, 15), D(2025, 5, 23), ["19B", "3C"]))
    e["s47s"].append(s47(D(2025, 4, 16), D(2025, 5, 8), D(2025, 5, 7), "0"))
    e["cp_plans"].append(cp_plan(D(2025, 5, 7), D(2025, 9, 4), "SAB", "MUL", "0", [D(2025, 7, 30)]))
    e["cin_plans"].append(cin_plan(D(2025, 9, 4), D(2026, 2, 27)))
    cs.append(child(ident("CH21", D(2012, 1, 9), "F", upn(LEA, 2002, 201)), "WIRT", ["HAND", "PC"], [e]))
    # CH22: adopted (RC1) after a CIN plan.
    e = episode(D(2025, 6, 2), "7", "N2", closure=D(2025, 12, 19), reason="RC1")
    e["assessments"].append(assessment(D(2025, 6, 3), D(2025, 7, 11), ["20"]))
    e["cin_plans"].append(cin_plan(D(2025, 7, 14), D(2025, 12, 19)))
    cs.append(child(ident("CH22", D(2021, 8, 2), "M", upn(LEA, 2002, 202)), "MOTH", ["NONE"], [e]))
    # CH23: assessed, no factors identified (21) and closed RC9, early help.
    e = episode(D(2025, 7, 21), "8", "N9", closure=D(2025, 8, 29), reason="RC9")
    e["assessments"].append(assessment(D(2025, 7, 22), D(2025, 8, 29), ["21"]))
    cs.append(child(ident("CH23", D(2017, 3, 25), "F", upn(LEA, 2002, 203)), "REFU", ["NONE"], [e]))
    # CH24: an open CP plan begun last year (conference last year), reviewed twice this year.
    # (Its assessment and S47 ended last year, so they are not in this year's return.)
    e = episode(D(2024, 12, 2), "3B", "N1")
    e["cp_plans"].append(
        cp_plan(D(2024, 12, 23), None, "PHY", "PHY", "2", [D(2025, 3, 17), D(2025, 9, 15), D(2026, 3, 16)])
    )
    cs.append(child(ident("CH24", D(2015, 10, 30), "M", upn(LEA, 2002, 204)), "WROM", ["DDA", "BEH", "CON"], [e]))
    # CH25: a 17-year-old transferred to adult services (RC6) after a CIN plan.
    e = episode(D(2025, 5, 19), "9", "N4", closure=D(2026, 1, 30), reason="RC6")
    e["assessments"].append(assessment(D(2025, 5, 20), D(2025, 6, 27), ["9A", "7A"]))
    e["cin_plans"].append(cin_plan(D(2025, 6, 30), D(2026, 1, 30)))
    cs.append(child(ident("CH25", D(2008, 2, 1), "M", upn(LEA, 2002, 205)), "AOTH", ["MOB", "VIS"], [e]))
    # CH26: moved to another LA (RC5) before the assessment finished? no: after it finished.
    e = episode(D(2025, 10, 20), "10", "N6", closure=D(2025, 11, 28), reason="RC5")
    e["assessments"].append(assessment(D(2025, 10, 21), D(2025, 11, 28), ["13A", "14A", "15A"]))
    cs.append(child(ident("CH26", D(2010, 6, 6), "F", upn(LEA, 2002, 206)), "AIND", ["LD", "HEAR"], [e]))
    # CH27: special guardianship (RC4) after a CIN plan; UPN not known (UN3).
    e = episode(D(2025, 4, 29), "5C", "N7", closure=D(2026, 3, 20), reason="RC4")
    e["assessments"].append(assessment(D(2025, 4, 30), D(2025, 6, 6), ["22A", "23A"]))
    e["cin_plans"].append(cin_plan(D(2025, 6, 9), D(2026, 3, 20)))
    cs.append(child(ident("CH27", D(2013, 9, 12), "M", None, "UN3"), "BOTH", ["PC", "AUT"], [e]))
    # CH28: referral with no further action, a later referral assessed and open on a plan.
    e1 = episode(D(2025, 4, 7), "5D", None, nfa="1", closure=D(2025, 4, 7), reason="RC7")
    e2 = episode(D(2025, 11, 10), "3F", "N8")
    e2["assessments"].append(assessment(D(2025, 11, 11), D(2025, 12, 19), ["12A", "1C"]))
    e2["cin_plans"].append(cin_plan(D(2025, 12, 22)))
    cs.append(child(ident("CH28", D(2011, 11, 11), "F", upn(LEA, 2002, 208)), "WBRI", ["INC", "MOB"], [e1, e2]))
    cs += no_disability_children("CH3", 1)
    return cs


# --------------------------------------------------------------------------------------------
# XML


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def val(v):
    return v.isoformat() if isinstance(v, dt.date) else str(v)


def leaf(out, ind, tag, v):
    if v is None:
        return
    if v == "":
        out.append(f"{ind}<{tag}/>")
    else:
        out.append(f"{ind}<{tag}>{esc(val(v))}</{tag}>")


def fields(out, ind, d):
    for k, v in d.items():
        if isinstance(v, list):
            continue
        leaf(out, ind, k, v)


def header(ref, lea=LEA):
    return {
        "Collection": "CIN",
        "Year": str(ref.year),
        "ReferenceDate": ref,
        "SourceLevel": "L",
        "LEA": lea,
        "SoftwareCode": "Hearth",
        "Release": "1.0",
        "SerialNo": "001",
        "DateTime": f"{ref.year}-04-15T10:00:00",
    }


def render(hdr, children, comment=None):
    out = ['<?xml version="1.0" encoding="UTF-8"?>']
    if comment:
        out.append(f"<!-- {comment} -->")
    out.append("<Message>")
    out.append("  <Header>")
    out.append("    <CollectionDetails>")
    for k in ("Collection", "Year", "ReferenceDate"):
        leaf(out, "      ", k, hdr.get(k))
    out.append("    </CollectionDetails>")
    out.append("    <Source>")
    for k in ("SourceLevel", "LEA", "SoftwareCode", "Release", "SerialNo", "DateTime"):
        leaf(out, "      ", k, hdr.get(k))
    out.append("    </Source>")
    out.append("  </Header>")
    out.append("  <Children>")
    for c in children:
        out.append("    <Child>")
        out.append("      <ChildIdentifiers>")
        fields(out, "        ", c["ids"])
        out.append("      </ChildIdentifiers>")
        if not c.get("no_characteristics"):
            out.append("      <ChildCharacteristics>")
            leaf(out, "        ", "Ethnicity", c["ethnicity"])
            if c["disabilities"]:
                out.append("        <Disabilities>")
                for d in c["disabilities"]:
                    leaf(out, "          ", "Disability", d)
                out.append("        </Disabilities>")
            out.append("      </ChildCharacteristics>")
        for e in c["episodes"]:
            i = "        "
            out.append("      <CINdetails>")
            fields(out, i, e)
            for a in e["assessments"]:
                out.append(f"{i}<Assessments>")
                fields(out, i + "  ", a)
                if a["factors"]:
                    out.append(f"{i}  <FactorsIdentifiedAtAssessment>")
                    for f in a["factors"]:
                        leaf(out, i + "    ", "AssessmentFactors", f)
                    out.append(f"{i}  </FactorsIdentifiedAtAssessment>")
                out.append(f"{i}</Assessments>")
            for p in e["cin_plans"]:
                out.append(f"{i}<CINPlanDates>")
                fields(out, i + "  ", p)
                out.append(f"{i}</CINPlanDates>")
            for s in e["s47s"]:
                out.append(f"{i}<Section47>")
                fields(out, i + "  ", s)
                out.append(f"{i}</Section47>")
            for p in e["cp_plans"]:
                out.append(f"{i}<ChildProtectionPlans>")
                fields(out, i + "  ", p)
                if p["reviews"]:
                    out.append(f"{i}  <Reviews>")
                    for r in p["reviews"]:
                        leaf(out, i + "    ", "CPPreviewDate", r)
                    out.append(f"{i}  </Reviews>")
                out.append(f"{i}</ChildProtectionPlans>")
            out.append("      </CINdetails>")
        out.append("    </Child>")
    out.append("  </Children>")
    out.append("</Message>")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------------------------
# The 2024-25 return: the same children a year (52 weeks, so the same weekdays) earlier.


def shift(obj, days):
    if isinstance(obj, dt.date):
        return obj - dt.timedelta(days=days)
    if isinstance(obj, dict):
        return {k: shift(v, days) for k, v in obj.items()}
    if isinstance(obj, list):
        return [shift(v, days) for v in obj]
    return obj


def children_2025():
    cs = shift(base_children(), 364)
    for c in cs:
        c["ids"]["LAchildID"] = "Y25" + c["ids"]["LAchildID"]
    return cs


# --------------------------------------------------------------------------------------------
# One break per rule: (code, child named, what changes, function(children, header)).


def by_id(cs, la_id):
    for c in cs:
        if c["ids"]["LAchildID"] == la_id:
            return c
    raise KeyError(la_id)


BREAKS = []


def brk(code, who, what):
    def deco(f):
        BREAKS.append((code, who, what, f))
        return f

    return deco


def ep(cs, who, n=0):
    return by_id(cs, who)["episodes"][n]


@brk("100", None, "ReferenceDate 2026-03-30")
def _(cs, h):
    h["ReferenceDate"] = D(2026, 3, 30)


@brk("1103", "CH03", "assessment starts the day before the referral")
def _(cs, h):
    ep(cs, "CH03")["assessments"][0]["AssessmentActualStartDate"] = D(2025, 6, 30)


@brk("1104", "CH05", "S47 conference before the referral date")
def _(cs, h):
    e = ep(cs, "CH05")
    e["CINreferralDate"] = D(2025, 5, 16)


@brk("1105", "CH11", "CP plan starts before the referral")
def _(cs, h):
    ep(cs, "CH11")["cp_plans"][0]["CPPstartDate"] = D(2025, 10, 3)


@brk("1510", "CH02", "UPN check letter wrong")
def _(cs, h):
    c = by_id(cs, "CH02")
    c["ids"]["UPN"] = wrong_check(c["ids"]["UPN"])


@brk("1520", "CH03", "CH03 has CH02's UPN")
def _(cs, h):
    by_id(cs, "CH03")["ids"]["UPN"] = by_id(cs, "CH02")["ids"]["UPN"]


@brk("1530", "CH02", "UPN with LA code 999 (check letter right)")
def _(cs, h):
    by_id(cs, "CH02")["ids"]["UPN"] = upn(LEA, 2001, 102, la_override="999")


@brk("1540", "CH02", "UPN characters 5-12 not numeric")
def _(cs, h):
    by_id(cs, "CH02")["ids"]["UPN"] = "A3302A0101020"


@brk("1550", "CH02", "UPN character 13 is I")
def _(cs, h):
    by_id(cs, "CH02")["ids"]["UPN"] = "A33020010010I"


@brk("1560Q", "CH07", "FormerUPN too short")
def _(cs, h):
    by_id(cs, "CH07")["ids"]["FormerUPN"] = "X1234"


@brk("1570", "CH02LONGERTHANTWENTY1", "LAchildID of 21 characters")
def _(cs, h):
    by_id(cs, "CH02")["ids"]["LAchildID"] = "CH02LONGERTHANTWENTY1"


@brk("1580", "CH-02", "LAchildID with a hyphen")
def _(cs, h):
    by_id(cs, "CH02")["ids"]["LAchildID"] = "CH-02"


@brk("2883", None, "CH11's conference date dropped: more CP plans start than conferences")
def _(cs, h):
    ep(cs, "CH11")["s47s"][0]["DateOfInitialCPC"] = None


@brk("2884", "CH05", "conference recorded at both the S47 and the episode level")
def _(cs, h):
    ep(cs, "CH05")["DateOfInitialCPC"] = D(2025, 5, 15)


@brk("2885", "CH05", "CP plan starts the day after the conference")
def _(cs, h):
    ep(cs, "CH05")["cp_plans"][0]["CPPstartDate"] = D(2025, 5, 16)


@brk("2886Q", None, "CH02's sex U (not unborn): 1 in 12 without a sex")
def _(cs, h):
    by_id(cs, "CH02")["ids"]["Sex"] = "U"


@brk("2887Q", None, "only NONE, MOB, HAND and LD used in the whole return")
def _(cs, h):
    for c in cs:
        c["disabilities"] = ["NONE"] if c["disabilities"] == ["NONE"] else ["MOB", "HAND", "LD"][: len(c["disabilities"])]


@brk("2888Q", None, "every child has at most one disability")
def _(cs, h):
    for c in cs:
        c["disabilities"] = c["disabilities"][:1]


@brk("2889", "CH04", "S47 starts before the referral")
def _(cs, h):
    ep(cs, "CH04")["s47s"][0]["S47ActualStartDate"] = D(2025, 8, 29)


@brk("2990", "CH02", "CIN plan on an episode closed RC8")
def _(cs, h):
    ep(cs, "CH02")["cin_plans"].append(cin_plan(D(2025, 6, 2), D(2025, 6, 20)))


@brk("2991Q", "CH04", "S47 on an episode with no assessment")
def _(cs, h):
    ep(cs, "CH04")["assessments"].clear()


@brk("4000", "CH01", "CIN plan on a referral with no further action")
def _(cs, h):
    ep(cs, "CH01")["cin_plans"].append(cin_plan(D(2025, 6, 10), D(2025, 6, 10)))


@brk("4001", "CH11", "open CIN plan alongside the open CP plan")
def _(cs, h):
    ep(cs, "CH11")["cin_plans"].append(cin_plan(D(2025, 10, 20)))


@brk("4003", "CH05", "a CP review inside an (ended) CIN plan")
def _(cs, h):
    e = ep(cs, "CH05")
    e["cin_plans"].insert(0, cin_plan(D(2025, 8, 1), D(2025, 8, 20)))


@brk("4004", "CH03", "two open CIN plans")
def _(cs, h):
    ep(cs, "CH03")["cin_plans"].append(cin_plan(D(2025, 9, 1)))


@brk("4008", "CH09", "CIN plan starts after the date of death")
def _(cs, h):
    c = by_id(cs, "CH09")
    c["ids"]["PersonDeathDate"] = D(2025, 9, 10)
    c["episodes"][0]["CINclosureDate"] = D(2025, 9, 10)
    c["episodes"][0]["cin_plans"][0] = cin_plan(D(2025, 9, 11), D(2025, 9, 11))


@brk("4009Q", "CH09", "CIN plan ends the day after death")
def _(cs, h):
    e = ep(cs, "CH09")
    e["cin_plans"][0]["CINPlanEndDate"] = D(2025, 10, 15)
    e["CINclosureDate"] = D(2025, 10, 15)


@brk("4010", "CH03", "CIN plan start date missing")
def _(cs, h):
    ep(cs, "CH03")["cin_plans"][0] = cin_plan(None, D(2025, 12, 1))


@brk("4011", "CH07", "CIN plan ends before it starts")
def _(cs, h):
    ep(cs, "CH07")["cin_plans"][0]["CINPlanEndDate"] = D(2025, 5, 20)


@brk("4012Q", "CH07", "CIN plan starts and ends on one day")
def _(cs, h):
    ep(cs, "CH07")["cin_plans"][0]["CINPlanEndDate"] = D(2025, 5, 21)


@brk("4013", "CH03", "CIN plan ends after the reference date")
def _(cs, h):
    ep(cs, "CH03")["cin_plans"][0]["CINPlanEndDate"] = D(2026, 4, 10)


@brk("4014", "CH07", "two CIN plans overlap in the first episode")
def _(cs, h):
    ep(cs, "CH07")["cin_plans"].append(cin_plan(D(2025, 6, 2), D(2025, 7, 1)))


@brk("4015", "CH03", "CIN plan starts before the referral")
def _(cs, h):
    ep(cs, "CH03")["cin_plans"][0]["CINPlanStartDate"] = D(2025, 6, 30)


@brk("4016", "CH05", "an ended CIN plan starts inside the CP plan")
def _(cs, h):
    ep(cs, "CH05")["cin_plans"].insert(0, cin_plan(D(2025, 6, 2), D(2025, 7, 1)))


@brk("4017", "CH05", "CP plan starts inside an ended CIN plan")
def _(cs, h):
    ep(cs, "CH05")["cin_plans"].insert(0, cin_plan(D(2025, 5, 1), D(2025, 5, 20)))


@brk("4180", "CH02", "Sex X")
def _(cs, h):
    by_id(cs, "CH02")["ids"]["Sex"] = "X"


@brk("4220", "CH02", "Ethnicity XXXX")
def _(cs, h):
    by_id(cs, "CH02")["ethnicity"] = "XXXX"


@brk("8500", None, "CH02's LAchildID missing")
def _(cs, h):
    by_id(cs, "CH02")["ids"]["LAchildID"] = None


@brk("8510", "CH01", "CH13 also written as CH01 (both referrals with no further action and\n     different disabilities, so the package's merges on LAchildID find nothing else)")
def _(cs, h):
    by_id(cs, "CH01")["disabilities"] = ["HAND"]
    c = by_id(cs, "CH13")
    c["ids"]["LAchildID"] = "CH01"
    c["disabilities"] = ["MOB"]


@brk("8520", "CH02", "born after the reference date")
def _(cs, h):
    by_id(cs, "CH02")["ids"]["PersonBirthDate"] = D(2026, 4, 10)


@brk("8525Q", "CH02", "both a birth date and an expected birth date")
def _(cs, h):
    by_id(cs, "CH02")["ids"]["ExpectedPersonBirthDate"] = D(2026, 5, 1)


@brk("8530Q", "CH08", "expected birth date 2027-03-01")
def _(cs, h):
    by_id(cs, "CH08")["ids"]["ExpectedPersonBirthDate"] = D(2027, 1, 20)


@brk("8535Q", "CH09", "died before being born")
def _(cs, h):
    by_id(cs, "CH09")["ids"]["PersonBirthDate"] = D(2025, 10, 20)


@brk("8540", "CH02", "disability XYZ")
def _(cs, h):
    by_id(cs, "CH02")["disabilities"].append("XYZ")


@brk("8545Q", "CH09", "date of death after the reference date")
def _(cs, h):
    by_id(cs, "CH09")["ids"]["PersonDeathDate"] = D(2026, 4, 2)


@brk("8555Q", "CH09", "referred the day after death")
def _(cs, h):
    c = by_id(cs, "CH09")
    c["ids"]["PersonDeathDate"] = D(2025, 8, 4)


@brk("8565", "CH02", "assessment authorised after the episode closed")
def _(cs, h):
    ep(cs, "CH02")["CINclosureDate"] = D(2025, 6, 19)


@brk("8568", "CH02", "ReferralNFA X")
def _(cs, h):
    ep(cs, "CH02")["ReferralNFA"] = "X"


@brk("8569Q", "CH29", "a referral from last year flagged no further action")
def _(cs, h):
    e = episode(D(2025, 3, 10), "1A", None, nfa="1", closure=D(2025, 3, 10), reason="RC7")
    cs.append(child(ident("CH29", D(2014, 2, 2), "M", upn(LEA, 2001, 129)), "WBRI", ["NONE"], [e]))


@brk("8585Q", "CH09", "closed RC2 (died) without a date of death")
def _(cs, h):
    by_id(cs, "CH09")["ids"]["PersonDeathDate"] = None


@brk("8590", "CH02", "no CINdetails")
def _(cs, h):
    by_id(cs, "CH02")["episodes"].clear()


@brk("8600", "CH03", "referral date missing")
def _(cs, h):
    ep(cs, "CH03")["CINreferralDate"] = None


@brk("8606", "CH08", "referral 341 days before the expected birth date")
def _(cs, h):
    by_id(cs, "CH08")["ids"]["ExpectedPersonBirthDate"] = D(2026, 12, 20)


@brk("8608", "CH03", "assessment authorised before it started")
def _(cs, h):
    ep(cs, "CH03")["assessments"][0]["AssessmentAuthorisationDate"] = D(2025, 7, 1)


@brk("8610", "CH03", "primary need missing on a referral going on")
def _(cs, h):
    ep(cs, "CH03")["PrimaryNeedCode"] = None


@brk("8614", "CH10", "factors on an assessment not completed")
def _(cs, h):
    ep(cs, "CH10")["assessments"][0]["factors"] = ["1B"]


@brk("8615", "CH05", "S47 starts after its conference")
def _(cs, h):
    ep(cs, "CH05")["s47s"][0]["S47ActualStartDate"] = D(2025, 5, 16)


@brk("8620", "CH02", "closure date after the reference date")
def _(cs, h):
    e = ep(cs, "CH02")
    e["CINclosureDate"] = D(2026, 4, 10)


@brk("8630", "CH07", "first episode closes before its referral")
def _(cs, h):
    e = ep(cs, "CH07")
    e["CINreferralDate"] = D(2025, 4, 8)
    e["CINclosureDate"] = D(2025, 4, 7)
    e["assessments"].clear()
    e["cin_plans"].clear()
    e["ReasonForClosure"] = "RC7"


@brk("8640", "CH02", "reason for closure RC10")
def _(cs, h):
    ep(cs, "CH02")["ReasonForClosure"] = "RC10"


@brk("8650", "CH03", "primary need N11")
def _(cs, h):
    ep(cs, "CH03")["PrimaryNeedCode"] = "N11"


@brk("8670Q", "CH03", "assessment started 2025-07-02 not completed")
def _(cs, h):
    a = ep(cs, "CH03")["assessments"][0]
    a["AssessmentAuthorisationDate"] = None
    a["factors"] = []


@brk("8675Q", "CH10", "S47 started 2026-02-02 without a conference")
def _(cs, h):
    e = ep(cs, "CH10")
    e["CINreferralDate"] = D(2026, 1, 30)
    e["assessments"][0]["AssessmentActualStartDate"] = D(2026, 3, 2)
    e["s47s"][0]["S47ActualStartDate"] = D(2026, 2, 2)
    e["s47s"][0]["InitialCPCtarget"] = D(2026, 2, 23)


@brk("8696", "CH03", "assessment authorised after the reference date")
def _(cs, h):
    ep(cs, "CH03")["assessments"][0]["AssessmentAuthorisationDate"] = D(2026, 4, 2)


@brk("8715", "CH10", "conference after the reference date")
def _(cs, h):
    ep(cs, "CH10")["s47s"][0]["DateOfInitialCPC"] = D(2026, 4, 7)


@brk("8720", "CH11", "CP plan start date missing")
def _(cs, h):
    ep(cs, "CH11")["cp_plans"][0]["CPPstartDate"] = None


@brk("8730", "CH11", "NumberOfPreviousCPP missing")
def _(cs, h):
    ep(cs, "CH11")["cp_plans"][0]["NumberOfPreviousCPP"] = None


@brk("8736", "CH06", "an assessment not completed that started last year")
def _(cs, h):
    ep(cs, "CH06")["assessments"].append(assessment(D(2025, 2, 11)))


@brk("8740", "CH06", "an S47 started last year with no conference by the year end")
def _(cs, h):
    ep(cs, "CH06")["s47s"].append(s47(D(2025, 2, 12), D(2025, 3, 5), None, "0"))


@brk("8750", "CH08", "unborn child with sex F")
def _(cs, h):
    by_id(cs, "CH08")["ids"]["Sex"] = "F"


@brk("8770Q", "CH02", "school age, no UPN and no reason")
def _(cs, h):
    by_id(cs, "CH02")["ids"]["UPN"] = None


@brk("8772", "CH02", "UPNunknown UN7 on a referral going on to further action")
def _(cs, h):
    ids = by_id(cs, "CH02")["ids"]
    ids["UPN"] = None
    ids["UPNunknown"] = "UN7"


@brk("8775Q", "CH02", "born 1995")
def _(cs, h):
    by_id(cs, "CH02")["ids"]["PersonBirthDate"] = D(1995, 1, 1)


@brk("8790", "CH02", "disabilities NONE and MOB")
def _(cs, h):
    by_id(cs, "CH02")["disabilities"] = ["NONE", "MOB"]


@brk("8794", "CH02", "disability MOB twice")
def _(cs, h):
    by_id(cs, "CH02")["disabilities"] = ["MOB", "MOB", "HAND"]


@brk("8805", "CH02", "closure date without a reason")
def _(cs, h):
    ep(cs, "CH02")["ReasonForClosure"] = None


@brk("8810", "CH03", "reason for closure without a closure date")
def _(cs, h):
    ep(cs, "CH03")["ReasonForClosure"] = "RC7"


@brk("8815", "CH07", "both episodes open")
def _(cs, h):
    e = ep(cs, "CH07")
    e["CINclosureDate"] = None
    e["ReasonForClosure"] = None
    e["cin_plans"][0]["CINPlanEndDate"] = D(2025, 9, 30)


@brk("8816", "CH07", "first episode open, second closed")
def _(cs, h):
    e1, e2 = by_id(cs, "CH07")["episodes"]
    e1["CINclosureDate"] = None
    e1["ReasonForClosure"] = None
    e2["CINclosureDate"] = D(2026, 2, 27)
    e2["ReasonForClosure"] = "RC7"
    e2["cin_plans"][0]["CINPlanEndDate"] = D(2026, 2, 27)


@brk("8820", "CH07", "second episode referred before the first closed")
def _(cs, h):
    e2 = ep(cs, "CH07", 1)
    e2["CINreferralDate"] = D(2025, 9, 15)


@brk("8825Q", "CH02", "closed RC8 with no assessment")
def _(cs, h):
    ep(cs, "CH02")["assessments"].clear()


@brk("8831", "CH01", "an assessment on a referral with no further action")
def _(cs, h):
    ep(cs, "CH01")["assessments"].append(assessment(D(2025, 6, 10), D(2025, 6, 10), ["21"]))


@brk("8832", "CH01", "a CP plan on a referral with no further action")
def _(cs, h):
    ep(cs, "CH01")["cp_plans"].append(cp_plan(D(2025, 6, 10), D(2025, 6, 10)))


@brk("8839", "CH10", "two open S47 enquiries in one episode")
def _(cs, h):
    ep(cs, "CH10")["s47s"].append(s47(D(2026, 3, 26), D(2026, 4, 17)))


@brk("8840", "CH11", "a second CP plan that starts and ends on one day")
def _(cs, h):
    e = ep(cs, "CH11")
    e["cp_plans"][0]["CPPendDate"] = D(2025, 10, 28)
    e["cp_plans"][0]["reviews"] = []


@brk("8841", "CH11", "a review on the CP plan's start date")
def _(cs, h):
    ep(cs, "CH11")["cp_plans"][0]["reviews"] = [D(2025, 10, 28)]


@brk("8842Q", "CH11", "an empty CPPreviewDate")
def _(cs, h):
    ep(cs, "CH11")["cp_plans"][0]["reviews"] = [""]


@brk("8863Q", "CH03", "a second assessment starts while the first is under way")
def _(cs, h):
    ep(cs, "CH03")["assessments"].append(assessment(D(2025, 7, 21), D(2025, 8, 12), ["2B"]))


@brk("8866", "CH02", "referral source 99")
def _(cs, h):
    ep(cs, "CH02")["ReferralSource"] = "99"


@brk("8867", "CH02", "episode closed with its assessment not completed")
def _(cs, h):
    a = ep(cs, "CH02")["assessments"][0]
    a["AssessmentAuthorisationDate"] = None
    a["factors"] = []


@brk("8868", "CH04", "episode closed with an S47 neither conferenced nor flagged not required")
def _(cs, h):
    ep(cs, "CH04")["s47s"][0]["ICPCnotRequired"] = "0"


@brk("8869", "CH02", "factor 21 alongside 4B")
def _(cs, h):
    ep(cs, "CH02")["assessments"][0]["factors"] = ["21", "4B"]


@brk("8870Q", "CH05", "conference target on a Saturday")
def _(cs, h):
    ep(cs, "CH05")["s47s"][0]["InitialCPCtarget"] = D(2025, 5, 17)


@brk("8873Q", "CH07", "one assessment, factor 21, closed RC7")
def _(cs, h):
    ep(cs, "CH07")["assessments"][0]["factors"] = ["21"]


@brk("8875", "CH05", "conference (and CP plan start) on a Saturday")
def _(cs, h):
    e = ep(cs, "CH05")
    e["s47s"][0]["DateOfInitialCPC"] = D(2025, 5, 17)
    e["cp_plans"][0]["CPPstartDate"] = D(2025, 5, 17)


@brk("8890", "CH05", "a second S47 starts while the first is under way")
def _(cs, h):
    ep(cs, "CH05")["s47s"].append(s47(D(2025, 4, 28), D(2025, 5, 16), None, "1"))


@brk("8896", "CH10", "two open assessments in one episode")
def _(cs, h):
    ep(cs, "CH10")["assessments"].append(assessment(D(2026, 3, 25)))


@brk("8897Q", "CH03", "completed assessment with no factors")
def _(cs, h):
    ep(cs, "CH03")["assessments"][0]["factors"] = []


@brk("8898", "CH03", "factor 2B twice")
def _(cs, h):
    ep(cs, "CH03")["assessments"][0]["factors"] = ["2B", "2B", "16A"]


@brk("8905", "CH11", "initial category of abuse XXX")
def _(cs, h):
    ep(cs, "CH11")["cp_plans"][0]["InitialCategoryOfAbuse"] = "XXX"


@brk("8910", "CH11", "latest category of abuse XXX")
def _(cs, h):
    ep(cs, "CH11")["cp_plans"][0]["LatestCategoryOfAbuse"] = "XXX"


@brk("8915", "CH11", "CP plan starts after the date of death")
def _(cs, h):
    by_id(cs, "CH11")["ids"]["PersonDeathDate"] = D(2025, 10, 27)


@brk("8920", "CH05", "CP plan ends after the date of death")
def _(cs, h):
    c = by_id(cs, "CH05")
    c["ids"]["PersonDeathDate"] = D(2025, 11, 19)
    e = c["episodes"][0]
    e["cin_plans"].clear()
    e["CINclosureDate"] = D(2025, 11, 20)
    e["ReasonForClosure"] = "RC2"


@brk("8925", "CH05", "CP plan ends before it starts")
def _(cs, h):
    e = ep(cs, "CH05")
    e["cp_plans"][0]["CPPendDate"] = D(2025, 5, 14)
    e["cp_plans"][0]["reviews"] = []


@brk("8930", "CH11", "CP plan ends after the reference date")
def _(cs, h):
    ep(cs, "CH11")["cp_plans"][0]["CPPendDate"] = D(2026, 4, 7)


@brk("8935", "CH11", "two open CP plans in the one episode")
def _(cs, h):
    e = ep(cs, "CH11")
    e["s47s"].append(s47(D(2026, 1, 5), D(2026, 1, 26), D(2026, 1, 26), "0"))
    e["cp_plans"].append(cp_plan(D(2026, 1, 26), None, "EMO", "EMO", "2"))


@brk("8940", "CH11", "a second, ended CP plan inside the open one")
def _(cs, h):
    e = ep(cs, "CH11")
    e["s47s"].append(s47(D(2025, 11, 3), D(2025, 11, 24), D(2025, 11, 24), "0"))
    e["cp_plans"].append(cp_plan(D(2025, 11, 24), D(2025, 12, 22), "EMO", "EMO", "1"))


@brk("8945Q", "CH03", "factor 18A")
def _(cs, h):
    ep(cs, "CH03")["assessments"][0]["factors"] = ["18A"]


@brk("8950Q", "CH03", "factor 19A")
def _(cs, h):
    ep(cs, "CH03")["assessments"][0]["factors"] = ["19A"]


# --------------------------------------------------------------------------------------------
# Hostile files for the reader.


def hostile():
    ok = render(header(D(2026, 3, 31)), base_children()[:3])
    files = {}
    files["malformed.xml"] = ok[: ok.index("</CINdetails>") + 5] + "\n"  # cut off mid-tag
    files["wrong_root.xml"] = ok.replace("<Message>", "<Return>").replace("</Message>", "</Return>")
    cs = base_children()[:3]
    ep(cs, "CH03")["CINreferralDate"] = "2025-13-45"
    files["bad_date.xml"] = render(header(D(2026, 3, 31)), cs, "CH03: CINreferralDate 2025-13-45")
    cs = base_children()[:3]
    ep(cs, "CH02")["ReasonForClosure"] = "RC99"
    files["unknown_code.xml"] = render(header(D(2026, 3, 31)), cs, "CH02: ReasonForClosure RC99")
    cs = base_children()[:3]
    by_id(cs, "CH03")["no_characteristics"] = True
    files["no_characteristics.xml"] = render(header(D(2026, 3, 31)), cs, "CH03: no ChildCharacteristics")
    return files


def main():
    written = []

    def write(name, text):
        p = HERE / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
        written.append(name)

    for old in list(HERE.glob("*.xml")) + list((HERE / "hostile").glob("*.xml")):
        old.unlink()
    ref26, ref25 = D(2026, 3, 31), D(2025, 3, 31)
    write("valid_2026_a.xml", render(header(ref26), base_children(), "valid: every pathway"))
    write("valid_2026_b.xml", render(header(ref26), base_children()[:4] + extra_children(), "valid: more codes and shapes"))
    write("valid_2025.xml", render(header(ref25), children_2025(), "valid: the 2024-25 return (cin2024_25)"))
    codes = set()
    for code, who, what, f in BREAKS:
        assert code not in codes, code
        codes.add(code)
        cs, h = base_children(), header(ref26)
        f(cs, h)
        write(f"break_{code}.xml", render(h, cs, f"breaks {code} for child {who or '(whole return)'}: {what}"))
    for name, text in hostile().items():
        write(f"hostile/{name}", text)
    # The manifest the Rust test reads: file, ruleset, the rule it breaks, the child it names.
    lines = ["# file\truleset\trule broken (- for none)\tchild named (- for none)"]
    lines.append("valid_2026_a.xml\tcin2025_26\t-\t-")
    lines.append("valid_2026_b.xml\tcin2025_26\t-\t-")
    lines.append("valid_2025.xml\tcin2024_25\t-\t-")
    for code, who, _, _ in BREAKS:
        lines.append(f"break_{code}.xml\tcin2025_26\t{code}\t{who or '-'}")
    (HERE / "manifest.tsv").write_text("\n".join(lines) + "\n")
    print(f"wrote {len(written)} files and manifest.tsv ({len(BREAKS)} breaks)")


if __name__ == "__main__":
    main()
