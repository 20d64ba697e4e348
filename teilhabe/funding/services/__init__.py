"""All writes of the fund, one module per stage of the cycle:

setup.py         funds, calls, reviewers, finance people, letter templates
applications.py  the applicant's link: draft, cost plan, attachments, submit, queries, own data
reviews.py       eligibility, scores, conflicts of interest
decisions.py     decisions under the budget guard
money.py         payments, the proof of use and its review, repayment claims, reminders
retention.py     deleting applicants' personal data after the retention period
"""
