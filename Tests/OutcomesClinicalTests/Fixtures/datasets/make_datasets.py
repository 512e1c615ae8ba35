#!/usr/bin/env python3
"""Writes the `valid` and `rejected` dataset fixtures. `rejected` breaks one rule per row (see
ValidationRulesTests); `valid` exercises spellings, blanks, computed totals and unsorted input."""


def write(path, header, rows):
    with open(path, "w", newline="") as f:
        f.write(header + "\n")
        for row in rows:
            f.write(row + "\n")


ITEMS_HEADER = "patient_id,time,instrument,total," + ",".join(f"item_{i}" for i in range(1, 11))


def assessment(pid, time, instrument, total, items):
    items = list(items) + [""] * (10 - len(items))
    return ",".join([pid, time, instrument, str(total)] + [str(x) for x in items])


PATIENTS = "patient_id,diagnosis,sex,age,prior_treatments_failed,site,strategy"
AES = "patient_id,time,term,severity,serious,led_to_discontinuation"

write("valid/patients.csv", PATIENTS, [
    "P001,MDD,F,34,2,North,maintenance", "P002,bipolar,M,51,4,North,as_needed", "P003,PTSD,,29.5,0,South,", "P004,other,X,,,,"])
write("valid/infusions.csv", "patient_id,start,route,dose_mg_per_kg,duration_min,phase,completed,notes", [
    "P001,2025-03-06T09:30:00,IV,0.5,40,induction,yes,", 'P001,2025-03-04T09:30:00,IV,0.5,40,induction,yes,"first, calm"',
    "P002,2025-03-05T10:00:00,IN,,,,no,", "P003,2025-03-07T08:00:00,IM,0.75,45,maintenance,true,"])
write("valid/assessments.csv", ITEMS_HEADER, [
    assessment("P001", "2025-03-04", "PHQ-9", 20, [3, 3, 2, 2, 2, 2, 2, 2, 2]),
    assessment("P001", "2025-03-11T09:00:00", "PHQ9", "", [1, 1, 1, 1, 1, 1, 1, 1, 0]),
    assessment("P002", "2025-03-05T10:00:00", "MADRS", 30, []),
    assessment("P002", "2025-03-04T10:00:00", "madrs", "", [3] * 10)])
write("valid/adverse_events.csv", AES, [
    "P001,2025-03-04T10:15:00,dissociation,mild,no,no", 'P002,2025-03-05T11:00:00,"nausea, vomiting",moderate,No,YES'])

write("rejected/patients.csv", PATIENTS, [
    "P001,MDD,F,34,2,North,maintenance", "P001,MDD,F,40,1,North,maintenance", "P002,schizophrenia,M,30,1,,",
    "P004,MDD,,-5,,,", "P005,MDD,,40,1.5,,", "P006,,,,,,", "P007,MDD,,40,-1,,"])
write("rejected/infusions.csv", "patient_id,start,route,dose_mg_per_kg,duration_min,phase,completed", [
    "P001,2025-03-04T09:30:00,IV,0.5,40,induction,yes", "P999,2025-03-04T09:30:00,IV,0.5,40,induction,yes",
    "P001,2026-02-30T09:30:00,IV,0.5,40,induction,yes", "P001,2025-03-05T09:30:00,IX,0.5,40,induction,yes",
    "P001,2025-03-06T09:30:00,IV,-0.5,40,induction,yes", "P001,2025-03-07T09:30:00,IV,0.5,-40,induction,yes",
    "P001,2025-03-08T09:30:00,IV,0.5,40,booster,yes", "P001,2025-03-09T09:30:00,IV,0.5,40,induction,maybe",
    "P001,,IV,0.5,40,induction,yes"])
write("rejected/assessments.csv", ITEMS_HEADER, [
    assessment("P001", "2025-03-04", "PHQ-9", 20, [3, 3, 2, 2, 2, 2, 2, 2, 2]),
    assessment("P001", "2025-03-05", "PHQ-9", "", [4, 3, 2, 2, 2, 2, 2, 2, 2]),
    assessment("P001", "2025-03-06", "PHQ-9", "", [-1, 3, 2, 2, 2, 2, 2, 2, 2]),
    assessment("P001", "2025-03-07", "PHQ-9", 20, [3, 3, 2, 2, 2, 2, 2, 2, 2, 1]),
    assessment("P001", "2025-03-08", "PHQ-9", 28, []),
    assessment("P001", "2025-03-09", "PHQ-9", 19, [3, 3, 2, 2, 2, 2, 2, 2, 2]),
    assessment("P001", "2025-03-10", "PHQ-9", "", [3, 3, 2, "", 2, 2, 2, 2, 2]),
    assessment("P001", "2025-03-11", "HAM-D", 10, []),
    assessment("P001", "2025-03-12", "MADRS", 61, []),
    assessment("P001", "2025-03-13", "MADRS", "", [7, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
    assessment("P404", "2025-03-14", "MADRS", 10, [])])
write("rejected/adverse_events.csv", AES, [
    "P001,2025-03-04T10:00:00,nausea,mild,no,no", "P001,2025-03-04T10:00:00,nausea,extreme,no,no",
    "P002,2025-03-04T10:00:00,nausea,mild,no,no"])
