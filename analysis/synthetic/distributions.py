"""The numbers that shape the SYNTHETIC answers: how often each reason, barrier, role and answer occurs,
and how reasons, barriers and opinion groups shift the Likert answers. Keys are the shipped
questionnaires' option and statement ids and the codebooks' theme ids."""
from __future__ import annotations

REASON_WEIGHTS = {
    "physical_illness": 1.0, "anxiety_mental_health": 0.45, "bullying_peer_relations": 0.3,
    "learning_difficulties_pressure": 0.3, "teacher_relationships_climate": 0.2, "family_situation": 0.25,
    "sleep_gaming_screens": 0.25, "substance_use": 0.04, "travel_practical": 0.1, "holidays_in_term": 0.3,
    "neurodevelopmental": 0.12, "school_transition": 0.08,
}
GRADE_FACTORS = {
    "grades_1_2": {"holidays_in_term": 2.0, "physical_illness": 1.3, "sleep_gaming_screens": 0.3,
                   "substance_use": 0.0, "anxiety_mental_health": 0.6, "learning_difficulties_pressure": 0.7},
    "grades_3_6": {"bullying_peer_relations": 1.6, "holidays_in_term": 1.3, "substance_use": 0.0,
                   "neurodevelopmental": 1.3},
    "grades_4_6": {"bullying_peer_relations": 1.6, "holidays_in_term": 1.3, "substance_use": 0.0,
                   "neurodevelopmental": 1.3},
    "grades_7_9": {"anxiety_mental_health": 1.6, "sleep_gaming_screens": 2.0, "bullying_peer_relations": 1.2,
                   "school_transition": 1.5},
    "upper_secondary": {"anxiety_mental_health": 1.8, "sleep_gaming_screens": 1.8, "substance_use": 3.0,
                        "learning_difficulties_pressure": 1.6, "holidays_in_term": 0.5, "travel_practical": 1.5},
}
SEVERITY_FACTORS = {
    "low": {"physical_illness": 2.5, "holidays_in_term": 1.6, "*": 0.5},
    "mid": {},
    "high": {"anxiety_mental_health": 2.0, "bullying_peer_relations": 1.3, "family_situation": 1.5,
             "sleep_gaming_screens": 1.5, "neurodevelopmental": 1.5, "physical_illness": 0.6, "holidays_in_term": 0.25},
}
GUARDIAN_BARRIERS = {
    "communication_difficulties": 0.3, "information_flow": 0.3, "family_not_heard": 0.25, "waiting_times": 0.3,
    "lack_of_time_staff": 0.15, "dependence_on_individuals": 0.12, "confidentiality_consent": 0.1,
    "family_distrust_fear": 0.08, "differing_expectations_roles": 0.08, "unclear_guidelines": 0.05,
    "no_feedback_after_notification": 0.04, "regional_differences": 0.05, "guidelines_hard_to_find": 0.05,
}
GUARDIAN_STATEMENT_OFFSETS = {
    "contacted_early": -0.2, "knew_whom_to_contact": 0.0, "professionals_talked": -0.3, "no_repeating": -0.5,
    "we_were_heard": 0.2, "child_was_heard": 0.0, "told_next_steps": -0.2, "sharing_explained": -0.4,
    "trusted_professionals": 0.3,
}
GUARDIAN_EFFECTS = {
    "communication_difficulties": {"knew_whom_to_contact": -1.5, "contacted_early": -0.5},
    "information_flow": {"no_repeating": -1.6, "professionals_talked": -1.0},
    "family_not_heard": {"we_were_heard": -1.6, "child_was_heard": -1.2},
    "waiting_times": {"contacted_early": -1.0, "told_next_steps": -0.5},
    "confidentiality_consent": {"sharing_explained": -1.5},
    "family_distrust_fear": {"trusted_professionals": -1.6},
    "no_feedback_after_notification": {"told_next_steps": -1.2},
    "unclear_guidelines": {"told_next_steps": -0.8},
    "dependence_on_individuals": {"professionals_talked": -0.5},
    "lack_of_time_staff": {"contacted_early": -0.6},
    "differing_expectations_roles": {"professionals_talked": -0.8},
}
FEELING_OFFSETS = {"like_going": -0.3, "feel_safe": 0.3, "have_friends": 0.4, "get_help": 0.1,
                   "adults_listen": -0.1, "energy_in_morning": -0.3}
PUPIL_EFFECTS = {
    "bullying_peer_relations": {"feel_safe": -1.2, "have_friends": -1.4, "like_going": -0.6},
    "learning_difficulties_pressure": {"get_help": -0.9, "like_going": -0.5},
    "teacher_relationships_climate": {"adults_listen": -1.1, "like_going": -0.5, "feel_safe": -0.3},
    "sleep_gaming_screens": {"energy_in_morning": -1.4},
    "anxiety_mental_health": {"like_going": -0.8, "feel_safe": -0.6, "energy_in_morning": -0.5},
    "physical_illness": {"energy_in_morning": -0.6},
    "family_situation": {"energy_in_morning": -0.5, "adults_listen": -0.2},
    "neurodevelopmental": {"get_help": -0.6, "like_going": -0.4},
    "school_transition": {"have_friends": -0.7},
    "substance_use": {"energy_in_morning": -0.5, "like_going": -0.5},
}

STAFF_GROUPS = ("teaching", "leadership", "pupil_welfare", "social_services", "youth")
STAFF_ROLES = {  # role: (share, opinion group)
    "class_teacher": (0.18, "teaching"), "subject_teacher": (0.14, "teaching"),
    "special_needs_teacher": (0.08, "teaching"), "principal": (0.07, "leadership"),
    "school_social_worker": (0.10, "pupil_welfare"), "school_psychologist": (0.05, "pupil_welfare"),
    "school_nurse": (0.08, "pupil_welfare"), "child_welfare_social_worker": (0.12, "social_services"),
    "family_social_worker": (0.08, "social_services"), "youth_services": (0.06, "youth"), "other": (0.04, "teaching"),
}
STAFF_ORGANISATIONS = {
    "school_social_worker": "pupil_welfare", "school_psychologist": "pupil_welfare", "school_nurse": "pupil_welfare",
    "child_welfare_social_worker": "child_welfare", "family_social_worker": "family_social_work",
    "youth_services": "other",
}
COOPERATION_FREQUENCY = {
    "teaching": {"weekly": 0.15, "monthly": 0.35, "few_times_a_year": 0.35, "less_often": 0.12, "never": 0.03},
    "subject_teacher": {"weekly": 0.05, "monthly": 0.2, "few_times_a_year": 0.4, "less_often": 0.25, "never": 0.1},
    "leadership": {"weekly": 0.35, "monthly": 0.45, "few_times_a_year": 0.18, "less_often": 0.02, "never": 0.0},
    "pupil_welfare": {"weekly": 0.55, "monthly": 0.3, "few_times_a_year": 0.12, "less_often": 0.03, "never": 0.0},
    "social_services": {"weekly": 0.6, "monthly": 0.3, "few_times_a_year": 0.08, "less_often": 0.02, "never": 0.0},
    "youth": {"weekly": 0.3, "monthly": 0.35, "few_times_a_year": 0.25, "less_often": 0.08, "never": 0.02},
}
STAFF_MEANS = {  # mean agreement (1-5) per opinion group, in the order of STAFF_GROUPS
    "guidelines_knowledge.know_guidelines": (3.0, 4.2, 3.8, 3.9, 2.8),
    "guidelines_knowledge.can_find": (2.5, 3.5, 3.0, 3.2, 2.4),
    "guidelines_knowledge.clear": (2.6, 3.0, 2.8, 3.1, 2.7),
    "guidelines_knowledge.consistent": (2.3, 2.4, 2.3, 2.6, 2.4),
    "guidelines_knowledge.neglect_of_schooling": (2.2, 2.5, 2.4, 3.0, 2.3),
    "guidelines_knowledge.absence_thresholds": (3.3, 3.9, 3.3, 2.5, 2.0),
    "guidelines_knowledge.training": (2.2, 2.8, 2.8, 3.2, 2.3),
    "notification_practice.know_when_to_notify": (3.2, 4.1, 4.0, 3.8, 3.4),
    "notification_practice.can_consult": (2.8, 3.3, 3.5, 3.8, 3.0),
    "notification_practice.joint_meeting": (2.6, 2.9, 2.9, 3.4, 2.7),
    "notification_practice.enough_to_support": (1.9, 2.2, 2.3, 3.0, 2.2),
    "school_cooperation.know_what_to_tell": (3.3, 3.3, 3.3, 3.3, 3.3),
    "school_cooperation.notifications_informative": (2.7, 2.7, 2.7, 2.7, 2.7),
    "school_cooperation.notifications_timely": (2.2, 2.2, 2.2, 2.2, 2.2),
    "school_cooperation.know_school_support": (2.9, 2.9, 2.9, 2.9, 2.9),
    "school_cooperation.consent_to_contact_school": (3.4, 3.4, 3.4, 3.4, 3.4),
    "consent_confidentiality.know_without_consent": (2.4, 3.2, 3.6, 3.8, 2.8),
    "consent_confidentiality.consent_straightforward": (3.0, 3.1, 3.0, 2.6, 3.0),
    "consent_confidentiality.consent_renewal": (2.1, 2.7, 2.9, 3.6, 2.3),
    "consent_confidentiality.legislation_clear": (2.2, 2.8, 3.0, 3.4, 2.4),
    "consent_confidentiality.same_interpretation": (2.2, 2.3, 2.3, 2.6, 2.3),
    "consent_confidentiality.case_by_case_slows": (3.6, 3.4, 3.8, 3.0, 3.5),
    "consent_confidentiality.often_uncertain": (3.8, 3.0, 2.8, 2.2, 3.5),
    "cooperation_practice.know_whom_to_contact": (2.9, 3.8, 3.9, 3.5, 3.2),
    "cooperation_practice.can_reach": (2.5, 3.0, 2.8, 3.1, 2.8),
    "cooperation_practice.access_to_information": (2.3, 2.6, 2.6, 3.0, 2.4),
    "cooperation_practice.roles_clear": (2.8, 3.1, 2.9, 2.7, 2.6),
    "cooperation_practice.expectations_match": (2.4, 2.5, 2.5, 2.1, 2.5),
    "cooperation_practice.relies_on_individuals": (4.0, 3.8, 4.1, 3.7, 4.2),
    "cooperation_practice.same_across_areas": (2.2, 2.3, 2.2, 2.4, 2.2),
    "cooperation_practice.enough_time": (2.0, 2.2, 1.9, 1.7, 2.4),
    "cooperation_practice.family_involved": (3.3, 3.4, 3.5, 3.8, 3.3),
}
STAFF_NEGATIVE = frozenset({"consent_confidentiality.case_by_case_slows", "consent_confidentiality.often_uncertain",
                            "cooperation_practice.relies_on_individuals"})
STAFF_AREA_SENSITIVE = frozenset({"cooperation_practice.same_across_areas", "cooperation_practice.can_reach",
                                  "cooperation_practice.know_whom_to_contact",
                                  "cooperation_practice.access_to_information"})
STAFF_BARRIERS = {
    "teaching": {"no_feedback_after_notification": 0.35, "confidentiality_consent": 0.3,
                 "communication_difficulties": 0.3, "unclear_guidelines": 0.2, "guidelines_hard_to_find": 0.15,
                 "lack_of_time_staff": 0.25, "dependence_on_individuals": 0.2, "differing_expectations_roles": 0.1,
                 "regional_differences": 0.08, "family_distrust_fear": 0.1, "information_flow": 0.2,
                 "waiting_times": 0.12},
    "leadership": {"unclear_guidelines": 0.3, "guidelines_hard_to_find": 0.2, "dependence_on_individuals": 0.3,
                   "regional_differences": 0.2, "lack_of_time_staff": 0.25, "no_feedback_after_notification": 0.3,
                   "differing_expectations_roles": 0.2, "information_flow": 0.15, "communication_difficulties": 0.1},
    "pupil_welfare": {"confidentiality_consent": 0.3, "lack_of_time_staff": 0.4, "no_feedback_after_notification": 0.3,
                      "communication_difficulties": 0.25, "waiting_times": 0.25, "dependence_on_individuals": 0.2,
                      "differing_expectations_roles": 0.15, "information_flow": 0.2, "unclear_guidelines": 0.15,
                      "family_distrust_fear": 0.1},
    "social_services": {"lack_of_time_staff": 0.5, "differing_expectations_roles": 0.35, "family_distrust_fear": 0.3,
                        "confidentiality_consent": 0.25, "unclear_guidelines": 0.15, "regional_differences": 0.15,
                        "communication_difficulties": 0.15, "dependence_on_individuals": 0.15,
                        "information_flow": 0.15, "family_not_heard": 0.08},
    "youth": {"communication_difficulties": 0.3, "dependence_on_individuals": 0.3, "information_flow": 0.3,
              "confidentiality_consent": 0.25, "guidelines_hard_to_find": 0.2, "family_not_heard": 0.1,
              "lack_of_time_staff": 0.15},
}
STAFF_EFFECTS = {
    "unclear_guidelines": {"guidelines_knowledge.clear": -1.2, "guidelines_knowledge.consistent": -0.8,
                           "guidelines_knowledge.neglect_of_schooling": -0.6},
    "guidelines_hard_to_find": {"guidelines_knowledge.can_find": -1.5, "guidelines_knowledge.know_guidelines": -0.5},
    "confidentiality_consent": {"consent_confidentiality.often_uncertain": 1.2,
                                "consent_confidentiality.legislation_clear": -0.9,
                                "consent_confidentiality.know_without_consent": -0.8,
                                "consent_confidentiality.case_by_case_slows": 0.7},
    "no_feedback_after_notification": {"notification_practice.enough_to_support": -1.0,
                                       "notification_practice.joint_meeting": -0.5},
    "dependence_on_individuals": {"cooperation_practice.relies_on_individuals": 0.9},
    "differing_expectations_roles": {"cooperation_practice.expectations_match": -1.2,
                                     "cooperation_practice.roles_clear": -0.9},
    "regional_differences": {"cooperation_practice.same_across_areas": -1.2},
    "lack_of_time_staff": {"cooperation_practice.enough_time": -1.2},
    "communication_difficulties": {"cooperation_practice.know_whom_to_contact": -1.0,
                                   "cooperation_practice.can_reach": -1.3},
    "family_distrust_fear": {"cooperation_practice.family_involved": -0.9,
                             "consent_confidentiality.consent_straightforward": -0.6},
    "information_flow": {"cooperation_practice.access_to_information": -1.3},
    "family_not_heard": {"cooperation_practice.family_involved": -0.7},
}
FEEDBACK_HEARD = {"never": 0.22, "rarely": 0.33, "sometimes": 0.22, "usually": 0.1, "always": 0.03, "not_relevant": 0.1}
FEEDBACK_HEARD_NONE = {"never": 0.5, "rarely": 0.35, "sometimes": 0.08, "usually": 0.02, "always": 0.0,
                       "not_relevant": 0.05}
FEEDBACK_GIVEN = {"never": 0.02, "rarely": 0.1, "sometimes": 0.3, "usually": 0.35, "always": 0.15, "not_relevant": 0.08}
