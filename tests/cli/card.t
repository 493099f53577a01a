# the synthetic card of the notes: valid until 40
cmd: $CCCD card expiry --dob 1990-01-15 --issued 2021-05-01
exit: 0
out: expiry:       2030-01-15
out: 15/01/2030
out: exchange at 40

# issued on the day someone turns 25: valid until 40
cmd: $CCCD card expiry --dob 1996-03-10 --issued 2021-03-10 --json
exit: 0
out: "expiry": "2036-03-10"
out: "exchange_age": 40
out: "skipped_age": null

# issued the day before turning 25: within the two-year window
cmd: $CCCD card expiry --dob 1996-03-10 --issued 2021-03-09 --json
exit: 0
out: "expiry": "2036-03-10"
out: "skipped_age": 25

# issued at 58: no expiry
cmd: $CCCD card expiry --dob 1963-06-01 --issued 2021-06-01
exit: 0
out: none (Không thời hạn)

# the 2023 law: a 9-year-old's card is exchanged at 14
cmd: $CCCD card expiry --dob 2015-01-01 --issued 2024-07-01 --json
exit: 0
out: "rules": 2023
out: "expiry": "2029-01-01"

# the 2014 law refuses a card under 14
cmd: $CCCD card expiry --dob 2011-01-01 --issued 2024-06-30
exit: 1
err: under the 2014 law a card is issued from age 14 only
err-lines: 1

# valid on a day: the last day printed is still valid
cmd: $CCCD card expiry --dob 1990-01-15 --issued 2021-05-01 --on 2030-01-15
exit: 0
out: valid on 2030-01-15: yes

# and the next day is not
cmd: $CCCD card expiry --dob 1990-01-15 --issued 2021-05-01 --on 2030-01-16
exit: 0
out: valid on 2030-01-16: no

# a partial date of birth gives an approximate answer
cmd: $CCCD card expiry --dob 1990 --issued 2021-05-01
exit: 0
out: 2030-01-01
out: approximate

# a leap-day birth date
cmd: $CCCD card expiry --dob 2000-02-29 --issued 2021-01-10
exit: 0
out: 2025-02-28

# an impossible issue date
cmd: $CCCD card expiry --dob 1990-01-15 --issued 2021-02-29
exit: 1
err: issued: 2021-02 has no day 29

# issued before birth
cmd: $CCCD card expiry --dob 1990-01-15 --issued 1989-01-01
exit: 1
err: before the date of birth

# missing options: usage error
cmd: $CCCD card expiry --dob 1990-01-15
exit: 2
err: --dob and --issued are required

# eligibility at 14
cmd: $CCCD card eligible --dob 2012-03-10 --on 2026-03-10 --json
exit: 0
out: "eligibility": "mandatory"
out: "age": 14

# the day before: on request under the 2023 law
cmd: $CCCD card eligible --dob 2012-03-10 --on 2026-03-09
exit: 0
out: on request

# today comes from CCCD_TODAY when pinned
cmd: CCCD_TODAY=2026-11-23 $CCCD card eligible --dob 2012-11-24 --json
exit: 0
out: "on": "2026-11-23"
out: "eligibility": "on_request"
out: "eligible_from": "2026-11-24"
