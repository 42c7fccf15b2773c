"""Author the linking gold: writes reports.jsonl and gold.json next to this file.

The reports are written for this project from public facts about the Syrian conflict (no article text is
copied). Several reports tell each incident with deliberately different wording, figures, transliterations
and dates (relative days, off-by-one days); distractors are incidents at the same place on another day or
on the same day in a nearby town. Reports whose source ends in ``-illustrative`` describe minor events
composed for the distractor role (plausible, not sourced to one public record).

Run: ``python corpus/links/make_corpus.py`` (checks that every evidence quote is in its report).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent

# Each report: source, title, published, text, [(incident id, evidence quote, kind), ...]
R = tuple[str, str, str, str, list[tuple[str, str, str]]]

REPORTS: list[R] = [
    # --- Ghouta chemical attack, 21 August 2013 -----------------------------------------------------
    (
        "https://levant-monitor.example/2013/08/21/ghouta-gas",
        "Hundreds feared dead in suspected gas attack near Damascus",
        "2013-08-21",
        "Opposition activists said rockets carrying poison gas struck Zamalka, Ein Tarma and other towns of "
        "the eastern Ghouta before dawn on Wednesday, killing hundreds of people as they slept. Doctors in "
        "field clinics described patients with constricted pupils and foaming at the mouth. The government "
        "denied using chemical weapons.",
        [
            (
                "ghouta-2013",
                "rockets carrying poison gas struck Zamalka, Ein Tarma and other towns",
                "incident",
            )
        ],
    ),
    (
        "https://wire-east.example/news/2013-08-22-syria-chemical",
        "Syria: toll from alleged chemical strike disputed",
        "2013-08-22",
        "The toll from Wednesday's alleged nerve-agent attack on the Eastern Ghouta suburbs of Damascus "
        "remained disputed on Thursday. The Syrian Observatory for Human Rights said it had documented 322 "
        "deaths, while the opposition coalition put the figure above 1,300. State television called the "
        "reports fabrications.",
        [("ghouta-2013", "Wednesday's alleged nerve-agent attack on the Eastern Ghouta suburbs", "incident")],
    ),
    (
        "https://medicsfield.example/press/ghouta-3600-patients",
        "Medical charity: 355 died of neurotoxic symptoms",
        "2013-08-24",
        "A medical charity said on Saturday that three hospitals it supports in the Damascus governorate "
        "received about 3,600 patients with neurotoxic symptoms in less than three hours on the morning of "
        "21 August, of whom 355 died.",
        [
            (
                "ghouta-2013",
                "3,600 patients with neurotoxic symptoms in less than three hours on the morning",
                "incident",
            )
        ],
    ),
    (
        "https://capitol-brief.example/2013/08/30/assessment",
        "Government assessment blames Damascus for Ghouta attack",
        "2013-08-30",
        "A government assessment released on Friday concluded with high confidence that Syrian forces "
        "carried out the chemical weapons attack in the Damascus suburbs on August 21, and said it killed "
        "1,429 people, among them at least 426 children.",
        [
            (
                "ghouta-2013",
                "the chemical weapons attack in the Damascus suburbs on August 21, and said it killed "
                "1,429 people",
                "incident",
            )
        ],
    ),
    # --- Khan Shaykhun sarin attack, 4 April 2017 ---------------------------------------------------
    (
        "https://idlib-voice.example/2017/04/04/khan-sheikhoun",
        "Dozens killed in suspected gas attack on Khan Sheikhoun",
        "2017-04-04",
        "At least 58 people, including children, were killed on Tuesday morning when warplanes dropped "
        "what medics said was a toxic gas on the town of Khan Sheikhoun in southern Idlib. Hours later a "
        "clinic treating the wounded was also hit.",
        [
            (
                "khan-shaykhun-2017",
                "warplanes dropped what medics said was a toxic gas on the town of Khan Sheikhoun",
                "incident",
            )
        ],
    ),
    (
        "https://wire-east.example/news/2017-04-05-khan-shaykhun",
        "Khan Shaykhun toll rises to 86",
        "2017-04-05",
        "The death toll from yesterday's chemical attack in Khan Shaykhun has risen to 86, among them 30 "
        "children, a monitoring group said. Moscow said a Syrian air strike had hit a rebel depot holding "
        "toxic substances, a claim rebels rejected.",
        [("khan-shaykhun-2017", "yesterday's chemical attack in Khan Shaykhun has risen to 86", "incident")],
    ),
    (
        "https://globaldesk.example/middle-east/khan-shekhoun-sarin",
        "Tests point to sarin in Idlib attack",
        "2017-04-06",
        "Samples taken from victims of Tuesday's attack in Khan Shekhoun point to sarin, officials said on "
        "Thursday. Local health authorities put the number of dead at 72.",
        [("khan-shaykhun-2017", "victims of Tuesday's attack in Khan Shekhoun point to sarin", "incident")],
    ),
    (
        "https://northsyria-daily.example/2017/04/04/idlib-strikes",
        "Idlib: strikes on two towns",
        "2017-04-04",
        "In a separate raid on Tuesday, aircraft struck the outskirts of Maarat al-Numan, about 25 "
        "kilometres north of Khan Shaykhun, wounding four people, local activists said.",
        [("maarat-2017-04-04", "aircraft struck the outskirts of Maarat al-Numan", "incident")],
    ),
    # --- Douma, 6 and 7 April 2018 ---------------------------------------------------------------------
    (
        "https://levant-monitor.example/2018/04/07/douma-gas",
        "Dozens reported dead in Douma gas attack",
        "2018-04-07",
        "Rescuers said at least 42 people were found dead in basements in Douma on Saturday evening after a "
        "helicopter dropped a cylinder that released a chlorine-like smell. Syrian state media denied that "
        "government forces had used chemical weapons.",
        [
            (
                "douma-2018-04-07",
                "at least 42 people were found dead in basements in Douma on Saturday evening",
                "incident",
            )
        ],
    ),
    (
        "https://wire-east.example/news/2018-04-08-duma",
        "Medical groups report gas attack in Duma",
        "2018-04-08",
        "Medical relief groups said 49 people had died in a suspected poison gas attack on the besieged town "
        "of Duma late on Saturday, and that more than 500 patients were treated for breathing difficulties.",
        [
            (
                "douma-2018-04-07",
                "49 people had died in a suspected poison gas attack on the besieged town of Duma",
                "incident",
            )
        ],
    ),
    (
        "https://globaldesk.example/middle-east/douma-chemical-2018",
        "Strikes follow Douma attack",
        "2018-04-14",
        "Western forces struck Syrian research and storage sites on Saturday in response to the chemical "
        "attack in Douma a week ago, in which some 40 people are believed to have died.",
        [
            (
                "douma-2018-04-07",
                "the chemical attack in Douma a week ago, in which some 40 people are believed to have died",
                "incident",
            )
        ],
    ),
    (
        "https://ghouta-now.example/2018/04/06/douma-raids",
        "Air raids resume on Douma",
        "2018-04-06",
        "Government air raids resumed on Douma on Friday after talks on the evacuation of fighters stalled, "
        "killing at least eight civilians in residential streets, the civil defence said.",
        [("douma-2018-04-06", "Government air raids resumed on Douma on Friday", "incident")],
    ),
    # --- Aleppo University, 15 January 2013 -----------------------------------------------------------
    (
        "https://state-agency.example/2013/01/15/aleppo-university",
        "Terrorists target Aleppo University",
        "2013-01-15",
        "Terrorist groups fired two rockets at Aleppo University on Tuesday as students sat mid-term exams, "
        "killing 82 people and injuring dozens, an official source said.",
        [("aleppo-university-2013", "fired two rockets at Aleppo University on Tuesday", "incident")],
    ),
    (
        "https://wire-east.example/news/2013-01-16-aleppo-campus",
        "Blasts at Aleppo campus kill dozens",
        "2013-01-16",
        "Two explosions hit the University of Aleppo yesterday on the first day of exams, killing at least 83 "
        "people. Activists said the blasts came from air strikes; the government blamed rebels.",
        [("aleppo-university-2013", "Two explosions hit the University of Aleppo yesterday", "incident")],
    ),
    (
        "https://levant-monitor.example/2013/01/17/halab-university",
        "Students mourn after Halab university blasts",
        "2013-01-17",
        "Students returned on Thursday to the university in Halab, where two blasts between the faculty of "
        "architecture and the dormitories killed 87 people on January 15, according to the monitoring group.",
        [
            (
                "aleppo-university-2013",
                "two blasts between the faculty of architecture and the dormitories "
                "killed 87 people on January 15",
                "incident",
            )
        ],
    ),
    # --- Rashidin bus bombing, 15 April 2017 ---------------------------------------------------------
    (
        "https://wire-east.example/news/2017-04-15-rashidin",
        "Bomb hits evacuation buses near Aleppo",
        "2017-04-15",
        "A car bomb struck a convoy of buses carrying evacuees from the besieged towns of Foua and Kefraya "
        "at the Rashidin crossing west of Aleppo on Saturday, killing at least 39 people.",
        [("rashidin-2017", "A car bomb struck a convoy of buses carrying evacuees", "incident")],
    ),
    (
        "https://northsyria-daily.example/2017/04/16/al-rashideen",
        "126 dead in al-Rashideen blast",
        "2017-04-16",
        "The monitoring group raised the toll of yesterday's suicide bombing at al-Rashideen to 126, "
        "including 68 children, most of them residents of Fuaa and Kafraya waiting to cross.",
        [("rashidin-2017", "yesterday's suicide bombing at al-Rashideen to 126", "incident")],
    ),
    (
        "https://globaldesk.example/middle-east/rashedin-convoy",
        "Children among dead in convoy attack",
        "2017-04-16",
        "More than 100 people died when a vehicle laden with explosives blew up beside buses at Rashedin, on "
        "the western edge of Aleppo city, on Saturday afternoon. No group claimed the attack.",
        [("rashidin-2017", "a vehicle laden with explosives blew up beside buses at Rashedin", "incident")],
    ),
    (
        "https://state-agency.example/2017/04/15/buses-rashidin",
        "Terrorist bombing targets Foua and Kafraya buses",
        "2017-04-15",
        "A terrorist suicide bomber in a vehicle blew himself up among buses carrying people from al-Foua "
        "and Kafraya in al-Rashidin area today, an official said, killing and wounding dozens.",
        [
            (
                "rashidin-2017",
                "A terrorist suicide bomber in a vehicle blew himself up among buses",
                "incident",
            )
        ],
    ),
    # --- Jableh and Tartus, 23 May 2016 --------------------------------------------------------------
    (
        "https://coast-news.example/2016/05/23/jableh",
        "Explosions rock Jableh bus station and hospital",
        "2016-05-23",
        "Several bombs, some detonated by suicide attackers, exploded at the bus station and near the "
        "national hospital in Jableh on Monday morning, killing at least 73 people, medical sources said.",
        [("jableh-2016", "exploded at the bus station and near the national hospital in Jableh", "incident")],
    ),
    (
        "https://coast-news.example/2016/05/23/tartus",
        "Blasts hit Tartus bus station",
        "2016-05-23",
        "A car bomb and two suicide bombers struck the main bus station in Tartus on Monday morning, killing "
        "at least 33 people, state media reported.",
        [
            (
                "tartus-2016",
                "A car bomb and two suicide bombers struck the main bus station in Tartus",
                "incident",
            )
        ],
    ),
    (
        "https://wire-east.example/news/2016-05-24-coast-bombings",
        "IS claims coastal bombings",
        "2016-05-24",
        "The Islamic State group said it was behind yesterday's wave of blasts in the government-held "
        "coastal cities. In Jabla, four bombers and a car bomb killed more than 100 people, the monitoring "
        "group said. In Tartous, about 60 km to the south, at least 48 people died at the bus terminal.",
        [
            ("jableh-2016", "In Jabla, four bombers and a car bomb killed more than 100 people", "incident"),
            (
                "tartus-2016",
                "In Tartous, about 60 km to the south, at least 48 people died at the bus terminal",
                "incident",
            ),
        ],
    ),
    (
        "https://globaldesk.example/middle-east/jableh-attacks",
        "Coastal heartland hit by rare attacks",
        "2016-05-24",
        "The bombings in Jableh on Monday killed about 100 people in a city that had largely escaped the "
        "war, residents said.",
        [("jableh-2016", "The bombings in Jableh on Monday killed about 100 people", "incident")],
    ),
    (
        "https://state-agency.example/2016/05/23/tartous-garage",
        "Terrorist bombings in Tartous",
        "2016-05-23",
        "Terrorists detonated a car bomb at the Tartous bus garage today and two suicide bombers blew "
        "themselves up as people fled, killing 38 citizens, an official source said.",
        [("tartus-2016", "Terrorists detonated a car bomb at the Tartous bus garage today", "incident")],
    ),
    # --- Qamishli truck bomb, 27 July 2016 -----------------------------------------------------------
    (
        "https://jazira-post.example/2016/07/27/qamishli",
        "Truck bomb kills dozens in Qamishli",
        "2016-07-27",
        "A truck bomb exploded near a Kurdish security building in the western district of Qamishli on "
        "Wednesday, killing at least 44 people and wounding more than 140.",
        [
            (
                "qamishli-2016",
                "A truck bomb exploded near a Kurdish security building in the western district of Qamishli",
                "incident",
            )
        ],
    ),
    (
        "https://wire-east.example/news/2016-07-28-kamishli",
        "IS says it bombed Kamishli",
        "2016-07-28",
        "Islamic State claimed yesterday's bombing in Kamishli, where the death toll rose to 48, according "
        "to the monitoring group.",
        [("qamishli-2016", "yesterday's bombing in Kamishli, where the death toll rose to 48", "incident")],
    ),
    (
        "https://kurd-watch.example/qamishlo-2016-07-27",
        "Qamishlo: dozens dead in suicide truck attack",
        "2016-07-27",
        "A suicide attacker drove an explosives-laden truck into a checkpoint of the Asayish in Qamishlo this "
        "morning; local officials counted 50 dead.",
        [
            (
                "qamishli-2016",
                "drove an explosives-laden truck into a checkpoint of the Asayish in Qamishlo",
                "incident",
            )
        ],
    ),
    # --- Mar Elias church, 22 June 2025 --------------------------------------------------------------
    (
        "https://damascus-today.example/2025/06/22/mar-elias",
        "Suicide bomber attacks Damascus church",
        "2025-06-22",
        "A gunman opened fire and then blew himself up inside the Mar Elias church in the Dweila "
        "neighbourhood of Damascus during Sunday mass, killing at least 20 worshippers, the health ministry "
        "said.",
        [
            (
                "mar-elias-2025",
                "blew himself up inside the Mar Elias church in the Dweila neighbourhood",
                "incident",
            )
        ],
    ),
    (
        "https://wire-east.example/news/2025-06-23-dwelaa-church",
        "Toll in church attack rises to 25",
        "2025-06-23",
        "The health ministry said on Monday that 25 people were killed and 63 wounded in Sunday's suicide "
        "attack on the Greek Orthodox church of Saint Elias in Dwelaa. The interior ministry blamed the "
        "Islamic State group.",
        [
            (
                "mar-elias-2025",
                "Sunday's suicide attack on the Greek Orthodox church of Saint Elias in Dwelaa",
                "incident",
            )
        ],
    ),
    (
        "https://globaldesk.example/middle-east/damascus-church-bombing",
        "Syria's Christians bury the dead",
        "2025-06-24",
        "Mourners buried victims of the bombing at Mar Elias church in Damascus two days ago, which killed 25 "
        "people. A little-known group later claimed the attack.",
        [("mar-elias-2025", "the bombing at Mar Elias church in Damascus two days ago", "incident")],
    ),
    # --- Manbij car bombs, 1 and 3 February 2025 ------------------------------------------------------
    (
        "https://northsyria-daily.example/2025/02/03/manbij-farmworkers",
        "Car bomb kills farm workers near Manbij",
        "2025-02-03",
        "A car bomb exploded next to a vehicle carrying agricultural workers on the outskirts of Manbij on "
        "Monday, killing 20 people, 18 of them women, the civil defence said.",
        [
            (
                "manbij-2025-02-03",
                "A car bomb exploded next to a vehicle carrying agricultural workers on the "
                "outskirts of Manbij",
                "incident",
            )
        ],
    ),
    (
        "https://wire-east.example/news/2025-02-03-menbij",
        "Deadliest bombing in Syria since Assad's fall",
        "2025-02-03",
        "Nineteen women and a man were killed when a booby-trapped car went off beside a farm workers' "
        "bus in Menbij today, rescuers said, and 15 other women were wounded.",
        [
            (
                "manbij-2025-02-03",
                "a booby-trapped car went off beside a farm workers' bus in Menbij",
                "incident",
            )
        ],
    ),
    (
        "https://levant-monitor.example/2025/02/04/manbij-bomb",
        "Manbij mourns women killed in blast",
        "2025-02-04",
        "Residents of Manbij buried the 20 victims of yesterday's car bombing, most of them women who "
        "worked in the fields. It was the second bombing in the city in three days: on Saturday a car bomb "
        "in the town centre killed four civilians.",
        [
            ("manbij-2025-02-03", "the 20 victims of yesterday's car bombing", "incident"),
            (
                "manbij-2025-02-01",
                "on Saturday a car bomb in the town centre killed four civilians",
                "background",
            ),
        ],
    ),
    (
        "https://northsyria-daily.example/2025/02/01/manbij-centre-illustrative",
        "Car bomb in central Manbij",
        "2025-02-01",
        "A car bomb went off in the centre of Manbij on Saturday, killing four civilians and wounding nine, "
        "local officials said.",
        [("manbij-2025-02-01", "A car bomb went off in the centre of Manbij on Saturday", "incident")],
    ),
    # --- Maarat al-Numan market, 22 July 2019 ----------------------------------------------------------
    (
        "https://idlib-voice.example/2019/07/22/maarat-market",
        "Air strikes hit Maarat al-Numan market",
        "2019-07-22",
        "Air strikes hit a crowded vegetable market in Maarat al-Numan on Monday morning, killing at least "
        "31 people, rescuers said.",
        [("maarat-2019", "Air strikes hit a crowded vegetable market in Maarat al-Numan", "incident")],
    ),
    (
        "https://wire-east.example/news/2019-07-23-maarat",
        "Market raid toll rises to 39",
        "2019-07-23",
        "The toll from yesterday's raids on a popular market in Ma'arrat al-Nu'man rose to 39 civilians, "
        "the monitoring group said, blaming government and Russian jets.",
        [
            (
                "maarat-2019",
                "yesterday's raids on a popular market in Ma'arrat al-Nu'man rose to 39",
                "incident",
            )
        ],
    ),
    (
        "https://globaldesk.example/middle-east/maarrat-numan-market",
        "UN condemns strike on Idlib market",
        "2019-07-24",
        "The United Nations condemned Monday's air strike on the market in Maarrat al-Nouman, in which "
        "rescue workers said 43 people were killed.",
        [("maarat-2019", "Monday's air strike on the market in Maarrat al-Nouman", "incident")],
    ),
    (
        "https://idlib-voice.example/2019/07/22/kafranbel-shelling-illustrative",
        "Shelling on Kafr Nabl",
        "2019-07-22",
        "Also on Monday, artillery shells fell on Kafr Nabl, some 10 kilometres west of Maarat al-Numan, "
        "killing two people, activists said.",
        [("kafr-nabl-2019", "artillery shells fell on Kafr Nabl", "incident")],
    ),
    # --- Atarib market, 13 November 2017 --------------------------------------------------------------
    (
        "https://northsyria-daily.example/2017/11/13/atarib-market",
        "Dozens die in Atarib market strikes",
        "2017-11-13",
        "Air strikes on the market of the rebel-held town of Atarib, west of Aleppo, killed at least 53 "
        "people on Monday, the monitoring group said.",
        [("atarib-2017", "Air strikes on the market of the rebel-held town of Atarib", "incident")],
    ),
    (
        "https://wire-east.example/news/2017-11-14-al-atareb",
        "Toll from al-Atareb raid reaches 61",
        "2017-11-14",
        "Rescuers said on Tuesday that 61 civilians had been killed in yesterday's bombing of the main "
        "market and a police station in al-Atareb in the western Aleppo countryside.",
        [
            (
                "atarib-2017",
                "yesterday's bombing of the main market and a police station in al-Atareb",
                "incident",
            )
        ],
    ),
    (
        "https://levant-monitor.example/2017/11/15/atareb",
        "Investigators say Russian jets hit Atareb",
        "2017-11-15",
        "Researchers said Russian aircraft carried out the November 13 strikes on Atareb market, which "
        "killed more than 50 civilians; Moscow denied involvement.",
        [("atarib-2017", "the November 13 strikes on Atareb market", "incident")],
    ),
    # --- Haas schools, 26 October 2016 ----------------------------------------------------------------
    (
        "https://idlib-voice.example/2016/10/26/haas-school",
        "Children killed as raids hit Haas school",
        "2016-10-26",
        "Repeated air raids struck a school complex in the village of Haas in Idlib province on Wednesday, "
        "killing at least 26 people, most of them children.",
        [("haas-2016", "Repeated air raids struck a school complex in the village of Haas", "incident")],
    ),
    (
        "https://wire-east.example/news/2016-10-27-hass",
        "UNICEF: 22 children and six teachers killed",
        "2016-10-27",
        "The UN children's agency said 22 children and six teachers were killed yesterday when their school "
        "in Hass was attacked, calling it possibly the deadliest attack on a school since the war began.",
        [
            (
                "haas-2016",
                "22 children and six teachers were killed yesterday when their school in Hass",
                "incident",
            )
        ],
    ),
    (
        "https://globaldesk.example/middle-east/hass-school-raid",
        "Russia denies role in Idlib school strike",
        "2016-10-28",
        "Russia denied that its jets had bombed the school in Has on Wednesday, where the monitoring group "
        "said 35 civilians, including 22 children, died.",
        [("haas-2016", "bombed the school in Has on Wednesday", "incident")],
    ),
    (
        "https://syria-rights-log.example/2016/haas-26-oct",
        "Documentation: Haas massacre",
        "2016-10-30",
        "Our field researchers documented the killing of 35 civilians, including 22 children and 6 teachers, "
        "in air strikes on schools in Haas village on 26 October 2016.",
        [("haas-2016", "in air strikes on schools in Haas village on 26 October 2016", "incident")],
    ),
    # --- Al-Quds hospital, 27 April 2016 --------------------------------------------------------------
    (
        "https://aleppo-media.example/2016/04/28/al-quds-hospital",
        "Air strike destroys al-Quds hospital",
        "2016-04-28",
        "An air strike destroyed the al-Quds hospital in the rebel-held Sukkari district of Aleppo late on "
        "Wednesday, killing at least 27 people including three children and the city's last paediatrician.",
        [
            (
                "al-quds-2016",
                "An air strike destroyed the al-Quds hospital in the rebel-held Sukkari district",
                "incident",
            )
        ],
    ),
    (
        "https://medicsfield.example/press/al-quds-aleppo",
        "Hospital we support in Aleppo destroyed",
        "2016-04-28",
        "At least 14 patients and staff, among them one of the last paediatricians in the city, were killed "
        "when Al Quds hospital in Aleppo was hit on the night of 27 April.",
        [("al-quds-2016", "Al Quds hospital in Aleppo was hit on the night of 27 April", "incident")],
    ),
    (
        "https://wire-east.example/news/2016-04-29-aleppo-hospital",
        "Aleppo hospital raid toll passes 50",
        "2016-04-29",
        "The death toll from Wednesday night's strike on al-Quds hospital and nearby buildings in al-Sukkari "
        "rose to 55, civil defence workers said.",
        [("al-quds-2016", "Wednesday night's strike on al-Quds hospital", "incident")],
    ),
    (
        "https://aleppo-media.example/2016/04/29/marja-clinic",
        "Clinic in al-Marja hit",
        "2016-04-29",
        "Two days after the hospital strike, a primary health clinic in the al-Marja neighbourhood of Aleppo "
        "was hit by an air strike on Friday morning, killing at least three people.",
        [
            (
                "marja-2016",
                "a primary health clinic in the al-Marja neighbourhood of Aleppo was hit",
                "incident",
            )
        ],
    ),
    # --- Aid convoy at Urum al-Kubra, 19 September 2016 -----------------------------------------------
    (
        "https://wire-east.example/news/2016-09-20-aid-convoy",
        "UN halts aid after convoy attacked",
        "2016-09-20",
        "The United Nations suspended aid convoys after an air attack last night on a convoy and warehouse "
        "of the Syrian Arab Red Crescent in Urum al-Kubra, west of Aleppo, killed about 20 civilians.",
        [
            (
                "urum-2016",
                "an air attack last night on a convoy and warehouse of the Syrian Arab Red Crescent in "
                "Urum al-Kubra",
                "incident",
            )
        ],
    ),
    (
        "https://aleppo-media.example/2016/09/19/orem-convoy",
        "Aid trucks burn in Orem al-Kubra",
        "2016-09-19",
        "At least 12 people were killed on Monday evening when aid trucks were bombed in Orem al-Kubra, "
        "rescue workers said, and 18 of 31 lorries were destroyed.",
        [("urum-2016", "aid trucks were bombed in Orem al-Kubra", "incident")],
    ),
    (
        "https://globaldesk.example/middle-east/urum-al-kubra-convoy",
        "Red Crescent mourns local director",
        "2016-09-21",
        "The Syrian Arab Red Crescent said its local director Omar Barakat was among about 20 people killed "
        "on Monday when its convoy in Urm al-Kubra came under attack. Russia and Damascus denied striking it.",
        [("urum-2016", "its convoy in Urm al-Kubra came under attack", "incident")],
    ),
    # --- Douma market, 16 August 2015 ------------------------------------------------------------------
    (
        "https://ghouta-now.example/2015/08/16/douma-market",
        "Massacre in Douma market",
        "2015-08-16",
        "Government warplanes fired rockets into a busy market in Douma on Sunday, killing at least 82 "
        "people, the monitoring group said.",
        [("douma-2015", "fired rockets into a busy market in Douma on Sunday", "incident")],
    ),
    (
        "https://wire-east.example/news/2015-08-17-duma-market",
        "UN aid chief appalled by Duma market raid",
        "2015-08-17",
        "The UN humanitarian chief said he was horrified by yesterday's air strikes on a vegetable market in "
        "Duma, east of Damascus, which killed close to 100 people.",
        [("douma-2015", "yesterday's air strikes on a vegetable market in Duma", "incident")],
    ),
    (
        "https://syria-rights-log.example/2015/douma-16-aug",
        "Documentation: Douma market",
        "2015-08-20",
        "We documented 112 people killed, among them children, in the air strikes on the public market of "
        "Douma on 16 August.",
        [("douma-2015", "the air strikes on the public market of Douma on 16 August", "incident")],
    ),
    # --- Sayyida Zaynab, 31 January and 21 February 2016 -------------------------------------------
    (
        "https://damascus-today.example/2016/01/31/sayyida-zeinab",
        "Blasts near Sayyida Zeinab shrine",
        "2016-01-31",
        "A car bomb and two suicide bombers struck a bus station near the Sayyida Zeinab shrine south of "
        "Damascus on Sunday, killing at least 45 people.",
        [
            (
                "zaynab-2016-01",
                "A car bomb and two suicide bombers struck a bus station near the Sayyida Zeinab shrine",
                "incident",
            )
        ],
    ),
    (
        "https://wire-east.example/news/2016-02-01-zeinab",
        "IS claims shrine district attack as toll nears 70",
        "2016-02-01",
        "Islamic State said it carried out yesterday's bombings in Sayyida Zaynab, where the number of dead "
        "rose to 71.",
        [
            (
                "zaynab-2016-01",
                "yesterday's bombings in Sayyida Zaynab, where the number of dead rose to 71",
                "incident",
            )
        ],
    ),
    (
        "https://damascus-today.example/2016/02/21/sayeda-zeinab",
        "Twin bombings kill dozens south of Damascus",
        "2016-02-21",
        "A car bomb and a suicide attack in the Sayeda Zeinab district killed at least 62 people on Sunday, "
        "three weeks after a similar attack there.",
        [
            (
                "zaynab-2016-02",
                "A car bomb and a suicide attack in the Sayeda Zeinab district killed at least 62",
                "incident",
            )
        ],
    ),
    (
        "https://levant-monitor.example/2016/02/22/zaynab-bombings",
        "Shrine town toll climbs to 83",
        "2016-02-22",
        "The toll from yesterday's blasts in Sayyida Zaynab climbed to 83, the monitoring group said; "
        "Islamic State claimed them.",
        [("zaynab-2016-02", "yesterday's blasts in Sayyida Zaynab climbed to 83", "incident")],
    ),
    (
        "https://globaldesk.example/middle-east/sayyida-zainab-feb",
        "Bombings overshadow truce plan",
        "2016-02-22",
        "The bombings in Sayyida Zainab on Sunday, which killed more than 80 people, came as the US and "
        "Russia announced a provisional truce.",
        [
            (
                "zaynab-2016-02",
                "The bombings in Sayyida Zainab on Sunday, which killed more than 80 people",
                "incident",
            )
        ],
    ),
    # --- Suwayda, 25 July 2018 ----------------------------------------------------------------------
    (
        "https://south-syria.example/2018/07/25/sweida",
        "Suicide attacks and raids in Sweida",
        "2018-07-25",
        "Islamic State militants carried out suicide bombings in Sweida city and stormed villages in its "
        "eastern countryside on Wednesday, killing more than 200 people.",
        [("suwayda-2018", "carried out suicide bombings in Sweida city and stormed villages", "incident")],
    ),
    (
        "https://wire-east.example/news/2018-07-26-suwayda",
        "Suwayda toll rises to 246",
        "2018-07-26",
        "The number killed in yesterday's coordinated attacks in Suwayda province rose to 246, among them "
        "135 civilians, the monitoring group said. Dozens of women and children were abducted.",
        [("suwayda-2018", "yesterday's coordinated attacks in Suwayda province rose to 246", "incident")],
    ),
    (
        "https://globaldesk.example/middle-east/as-suwayda-attacks",
        "Druze heartland reels from IS assault",
        "2018-07-27",
        "Residents of As-Suwayda buried dozens of victims of Wednesday's IS assault, which killed about 250 "
        "people in the city and nearby villages.",
        [("suwayda-2018", "Wednesday's IS assault, which killed about 250 people", "incident")],
    ),
    # --- Kobani, 25 June 2015; Hasakah the same day -------------------------------------------------
    (
        "https://kurd-watch.example/kobane-2015-06-25",
        "IS fighters return to Kobane",
        "2015-06-25",
        "Islamic State fighters disguised in Kurdish uniforms entered Kobane before dawn on Thursday, "
        "detonating car bombs and shooting civilians in their homes.",
        [("kobani-2015", "Islamic State fighters disguised in Kurdish uniforms entered Kobane", "incident")],
    ),
    (
        "https://wire-east.example/news/2015-06-26-kobani",
        "Kobani killings among worst by IS",
        "2015-06-26",
        "The monitoring group said 146 civilians had been killed by IS gunmen in Kobani and the nearby "
        "village of Barkh Botan since yesterday's attack began.",
        [("kobani-2015", "146 civilians had been killed by IS gunmen in Kobani", "incident")],
    ),
    (
        "https://globaldesk.example/middle-east/ain-al-arab-massacre",
        "Ain al-Arab death toll above 200",
        "2015-06-27",
        "More than 200 civilians died in Thursday's IS raid on Ain al-Arab, the town Kurds call Kobani, the "
        "monitoring group said on Saturday.",
        [("kobani-2015", "Thursday's IS raid on Ain al-Arab", "incident")],
    ),
    (
        "https://jazira-post.example/2015/06/25/hasakah",
        "IS pushes into Hasakah city",
        "2015-06-25",
        "Islamic State fighters also attacked government-held districts of Hasakah city on Thursday, "
        "seizing two neighbourhoods in the south and displacing thousands of residents.",
        [
            (
                "hasakah-2015",
                "Islamic State fighters also attacked government-held districts of Hasakah city",
                "incident",
            )
        ],
    ),
    # --- later reports recalling earlier incidents (background) ---------------------------------------
    (
        "https://idlib-voice.example/2018/04/04/khan-sheikhoun-anniversary",
        "Khan Sheikhoun remembers",
        "2018-04-04",
        "Residents of Khan Sheikhoun gathered on Wednesday to remember the sarin attack of 4 April 2017, "
        "which killed more than 80 people. No one has been held to account.",
        [
            (
                "khan-shaykhun-2017",
                "the sarin attack of 4 April 2017, which killed more than 80 people",
                "background",
            )
        ],
    ),
    (
        "https://ghouta-now.example/2023/08/21/ten-years",
        "Ten years after the Ghouta attack",
        "2023-08-21",
        "Survivors marked ten years since the chemical attack on 21 August 2013 in Zamalka and Ein Tarma, in "
        "which more than 1,400 people are said to have died.",
        [("ghouta-2013", "the chemical attack on 21 August 2013 in Zamalka and Ein Tarma", "background")],
    ),
]


# Facts per gold incident, for the "oracle" mode of the evaluation (mentions built from the gold itself, to
# measure linking apart from extraction): (event type, sub-event type, date, admin1, lat, lon, place names
# as the reports spell them).
EV, CW, AIR, SUI, IED, SHELL = (
    "Explosions/Remote violence",
    "Chemical weapon",
    "Air/drone strike",
    "Suicide bomb",
    "Remote explosive/landmine/IED",
    "Shelling/artillery/missile attack",
)
VAC, BAT = "Violence against civilians", "Battles"
FACTS: dict[str, tuple[str, str, str, str, float, float, list[str]]] = {
    "ghouta-2013": (
        EV,
        CW,
        "2013-08-21",
        "Rif Dimashq",
        33.523,
        36.356,
        ["Zamalka", "Eastern Ghouta", "Ghouta"],
    ),
    "khan-shaykhun-2017": (
        EV,
        CW,
        "2017-04-04",
        "Idlib",
        35.442,
        36.651,
        ["Khan Sheikhoun", "Khan Shaykhun", "Khan Shekhoun"],
    ),
    "maarat-2017-04-04": (EV, AIR, "2017-04-04", "Idlib", 35.643, 36.671, ["Maarat al-Numan"]),
    "douma-2018-04-07": (EV, CW, "2018-04-07", "Rif Dimashq", 33.571, 36.401, ["Douma", "Duma"]),
    "douma-2018-04-06": (EV, AIR, "2018-04-06", "Rif Dimashq", 33.571, 36.401, ["Douma"]),
    "aleppo-university-2013": (
        EV,
        SHELL,
        "2013-01-15",
        "Aleppo",
        36.212,
        37.137,
        ["Aleppo University", "University of Aleppo", "Halab"],
    ),
    "rashidin-2017": (
        EV,
        SUI,
        "2017-04-15",
        "Aleppo",
        36.185,
        37.078,
        ["Rashidin", "al-Rashideen", "Rashedin"],
    ),
    "jableh-2016": (EV, SUI, "2016-05-23", "Latakia", 35.361, 35.926, ["Jableh", "Jabla"]),
    "tartus-2016": (EV, SUI, "2016-05-23", "Tartus", 34.889, 35.887, ["Tartus", "Tartous"]),
    "qamishli-2016": (
        EV,
        SUI,
        "2016-07-27",
        "Al-Hasakah",
        37.052,
        41.232,
        ["Qamishli", "Kamishli", "Qamishlo"],
    ),
    "mar-elias-2025": (EV, SUI, "2025-06-22", "Damascus", 33.504, 36.332, ["Dweila", "Dwelaa", "Damascus"]),
    "manbij-2025-02-03": (EV, IED, "2025-02-03", "Aleppo", 36.528, 37.955, ["Manbij", "Menbij"]),
    "manbij-2025-02-01": (EV, IED, "2025-02-01", "Aleppo", 36.528, 37.955, ["Manbij"]),
    "maarat-2019": (
        EV,
        AIR,
        "2019-07-22",
        "Idlib",
        35.643,
        36.671,
        ["Maarat al-Numan", "Ma'arrat al-Nu'man", "Maarrat al-Nouman"],
    ),
    "kafr-nabl-2019": (EV, SHELL, "2019-07-22", "Idlib", 35.614, 36.561, ["Kafr Nabl"]),
    "atarib-2017": (EV, AIR, "2017-11-13", "Aleppo", 36.139, 36.830, ["Atarib", "al-Atareb", "Atareb"]),
    "haas-2016": (EV, AIR, "2016-10-26", "Idlib", 35.600, 36.596, ["Haas", "Hass", "Has"]),
    "al-quds-2016": (EV, AIR, "2016-04-27", "Aleppo", 36.180, 37.160, ["Sukkari", "Al Quds", "al-Sukkari"]),
    "marja-2016": (EV, AIR, "2016-04-29", "Aleppo", 36.176, 37.172, ["al-Marja"]),
    "urum-2016": (
        EV,
        AIR,
        "2016-09-19",
        "Aleppo",
        36.150,
        36.950,
        ["Urum al-Kubra", "Orem al-Kubra", "Urm al-Kubra"],
    ),
    "douma-2015": (EV, AIR, "2015-08-16", "Rif Dimashq", 33.571, 36.401, ["Douma", "Duma"]),
    "zaynab-2016-01": (
        EV,
        SUI,
        "2016-01-31",
        "Rif Dimashq",
        33.444,
        36.341,
        ["Sayyida Zeinab", "Sayyida Zaynab"],
    ),
    "zaynab-2016-02": (
        EV,
        SUI,
        "2016-02-21",
        "Rif Dimashq",
        33.444,
        36.341,
        ["Sayeda Zeinab", "Sayyida Zaynab", "Sayyida Zainab"],
    ),
    "suwayda-2018": (
        EV,
        SUI,
        "2018-07-25",
        "As-Suwayda",
        32.709,
        36.570,
        ["Sweida", "Suwayda", "As-Suwayda"],
    ),
    "kobani-2015": (
        VAC,
        "Attack",
        "2015-06-25",
        "Aleppo",
        36.891,
        38.354,
        ["Kobane", "Kobani", "Ain al-Arab"],
    ),
    "hasakah-2015": (BAT, "Armed clash", "2015-06-25", "Al-Hasakah", 36.500, 40.750, ["Hasakah"]),
}


def build() -> tuple[list[dict[str, Any]], dict[str, Any]]:
    reports: list[dict[str, Any]] = []
    incidents: dict[str, list[dict[str, str]]] = {}
    seen: set[str] = set()
    for source, title, published, text, mentions in REPORTS:
        if source in seen:
            raise ValueError(f"duplicate source {source}")
        seen.add(source)
        reports.append({"source": source, "title": title, "published": published, "text": text})
        for incident, quote, kind in mentions:
            if text.count(quote) != 1:
                raise ValueError(f"{source}: evidence not found exactly once: {quote!r}")
            entry = {"document": source, "evidence": quote}
            if kind != "incident":
                entry["kind"] = kind
            incidents.setdefault(incident, []).append(entry)
    gold = {"incidents": [{"id": key, **_facts(key), "mentions": value} for key, value in incidents.items()]}
    return reports, gold


def _facts(key: str) -> dict[str, Any]:
    event_type, sub_type, date, admin1, lat, lon, names = FACTS[key]
    return {
        "event_type": event_type,
        "sub_event_type": sub_type,
        "date": date,
        "location": {"admin1": admin1, "lat": lat, "lon": lon, "names": names},
    }


def main() -> None:
    reports, gold = build()
    with (HERE / "reports.jsonl").open("w", encoding="utf-8") as out:
        for report in reports:
            out.write(json.dumps(report, ensure_ascii=False) + "\n")
    (HERE / "gold.json").write_text(json.dumps(gold, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    multi = sum(1 for i in gold["incidents"] if len({m["document"] for m in i["mentions"]}) > 1)
    print(f"{len(reports)} reports, {len(gold['incidents'])} incidents ({multi} told by several reports)")


if __name__ == "__main__":
    main()
